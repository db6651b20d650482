using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace WhatsAppGenesys.StateManager.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "conversation_mappings",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    customer_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    conversation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    wa_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    bsuid = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    contact_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    phone_number_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    display_phone_number = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    genesys_conversation_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_activity_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_inbound_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_inbound_message_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversation_mappings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "message_tracking",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    direction = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    message_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    customer_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    conversation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    wamid = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    genesys_message_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    status_reason = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_message_tracking", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_conversation_mappings_conversation_id",
                table: "conversation_mappings",
                column: "conversation_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_conversation_mappings_tenant_id_customer_id",
                table: "conversation_mappings",
                columns: new[] { "tenant_id", "customer_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_conversation_mappings_tenant_id_genesys_conversation_id",
                table: "conversation_mappings",
                columns: new[] { "tenant_id", "genesys_conversation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_message_tracking_conversation_id",
                table: "message_tracking",
                column: "conversation_id");

            migrationBuilder.CreateIndex(
                name: "ix_message_tracking_tenant_id_direction_message_id",
                table: "message_tracking",
                columns: new[] { "tenant_id", "direction", "message_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_message_tracking_tenant_id_genesys_message_id",
                table: "message_tracking",
                columns: new[] { "tenant_id", "genesys_message_id" });

            migrationBuilder.CreateIndex(
                name: "ix_message_tracking_tenant_id_whats_app_message_id",
                table: "message_tracking",
                columns: new[] { "tenant_id", "wamid" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "conversation_mappings");

            migrationBuilder.DropTable(
                name: "message_tracking");
        }
    }
}
