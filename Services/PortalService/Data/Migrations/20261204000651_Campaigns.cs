using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WhatsAppGenesys.PortalService.Data.Migrations
{
    /// <inheritdoc />
    public partial class Campaigns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "campaign_messaging_limit",
                table: "portal_settings",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "campaigns",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    template_name = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    template_language = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    parameter_format = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    parameters = table.Column<string>(type: "jsonb", nullable: false),
                    audience = table.Column<string>(type: "jsonb", nullable: false),
                    scheduled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    local_time = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    messages_per_second = table.Column<double>(type: "double precision", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    audience_cursor = table.Column<Guid>(type: "uuid", nullable: true),
                    audience_complete = table.Column<bool>(type: "boolean", nullable: false),
                    waiting_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    wait_reason = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    lease_owner = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    lease_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaigns", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "campaign_recipients",
                columns: table => new
                {
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    address = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    parameter_values = table.Column<string>(type: "jsonb", nullable: true),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    wamid = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    failure_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    failure_reason = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaign_recipients", x => new { x.campaign_id, x.contact_id });
                    table.ForeignKey(
                        name: "fk_campaign_recipients_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_campaign_recipients_campaign_id_state_contact_id",
                table: "campaign_recipients",
                columns: new[] { "campaign_id", "state", "contact_id" });

            migrationBuilder.CreateIndex(
                name: "ix_campaign_recipients_tenant_id_sent_at",
                table: "campaign_recipients",
                columns: new[] { "tenant_id", "sent_at" },
                filter: "sent_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_campaign_recipients_tenant_id_wamid",
                table: "campaign_recipients",
                columns: new[] { "tenant_id", "wamid" },
                filter: "wamid IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_campaigns_status_scheduled_at",
                table: "campaigns",
                columns: new[] { "status", "scheduled_at" });

            migrationBuilder.CreateIndex(
                name: "ix_campaigns_tenant_id_id",
                table: "campaigns",
                columns: new[] { "tenant_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "campaign_recipients");

            migrationBuilder.DropTable(
                name: "campaigns");

            migrationBuilder.DropColumn(
                name: "campaign_messaging_limit",
                table: "portal_settings");
        }
    }
}
