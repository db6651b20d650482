using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace WhatsAppGenesys.PortalService.Data.Migrations
{
    /// <inheritdoc />
    public partial class PortalTemplates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "message_templates",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    meta_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    language = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    rejected_reason = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    parameter_format = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    components = table.Column<string>(type: "jsonb", nullable: false),
                    status_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_synced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_message_templates", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_message_templates_tenant_id_meta_id",
                table: "message_templates",
                columns: new[] { "tenant_id", "meta_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_message_templates_tenant_id_name_language",
                table: "message_templates",
                columns: new[] { "tenant_id", "name", "language" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_message_templates_tenant_id_status",
                table: "message_templates",
                columns: new[] { "tenant_id", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "message_templates");
        }
    }
}
