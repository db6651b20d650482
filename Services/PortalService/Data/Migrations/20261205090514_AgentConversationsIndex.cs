using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WhatsAppGenesys.PortalService.Data.Migrations
{
    /// <inheritdoc />
    public partial class AgentConversationsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_history_messages_tenant_id_agent_id_conversation_id",
                table: "history_messages",
                columns: new[] { "tenant_id", "agent_id", "conversation_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_history_messages_tenant_id_agent_id_conversation_id",
                table: "history_messages");
        }
    }
}
