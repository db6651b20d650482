using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WhatsAppGenesys.TenantService.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class RcsCredentials : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "rcs_agent_id",
                table: "tenants",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "rcs_client_id",
                table: "tenants",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ux_tenants_rcs_agent_id",
                table: "tenants",
                column: "rcs_agent_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_tenants_rcs_agent_id",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "rcs_agent_id",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "rcs_client_id",
                table: "tenants");
        }
    }
}
