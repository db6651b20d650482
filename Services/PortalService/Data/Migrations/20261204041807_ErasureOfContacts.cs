using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WhatsAppGenesys.PortalService.Data.Migrations
{
    /// <inheritdoc />
    public partial class ErasureOfContacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "consent_events_deleted",
                table: "history_erasures",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "contacts_deleted",
                table: "history_erasures",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "opt_outs_kept",
                table: "history_erasures",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "consent_events_deleted",
                table: "history_erasures");

            migrationBuilder.DropColumn(
                name: "contacts_deleted",
                table: "history_erasures");

            migrationBuilder.DropColumn(
                name: "opt_outs_kept",
                table: "history_erasures");
        }
    }
}
