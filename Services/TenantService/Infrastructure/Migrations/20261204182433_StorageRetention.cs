using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WhatsAppGenesys.TenantService.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class StorageRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "media_delete_after_days",
                table: "tenants",
                type: "integer",
                nullable: false,
                defaultValue: 90);

            migrationBuilder.AddColumn<int>(
                name: "raw_cold_after_days",
                table: "tenants",
                type: "integer",
                nullable: false,
                defaultValue: 7);

            migrationBuilder.AddColumn<int>(
                name: "raw_delete_after_days",
                table: "tenants",
                type: "integer",
                nullable: false,
                defaultValue: 30);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "media_delete_after_days",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "raw_cold_after_days",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "raw_delete_after_days",
                table: "tenants");
        }
    }
}
