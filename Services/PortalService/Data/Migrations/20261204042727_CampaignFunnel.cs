using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WhatsAppGenesys.PortalService.Data.Migrations
{
    /// <inheritdoc />
    public partial class CampaignFunnel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "opted_out_at",
                table: "campaign_recipients",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "replied_at",
                table: "campaign_recipients",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_campaign_recipients_tenant_id_address_sent_at",
                table: "campaign_recipients",
                columns: new[] { "tenant_id", "address", "sent_at" },
                filter: "sent_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_analytics_counters_tenant_id_dimension",
                table: "analytics_counters",
                columns: new[] { "tenant_id", "dimension" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_campaign_recipients_tenant_id_address_sent_at",
                table: "campaign_recipients");

            migrationBuilder.DropIndex(
                name: "ix_analytics_counters_tenant_id_dimension",
                table: "analytics_counters");

            migrationBuilder.DropColumn(
                name: "opted_out_at",
                table: "campaign_recipients");

            migrationBuilder.DropColumn(
                name: "replied_at",
                table: "campaign_recipients");
        }
    }
}
