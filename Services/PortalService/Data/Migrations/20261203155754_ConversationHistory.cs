using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace WhatsAppGenesys.PortalService.Data.Migrations
{
    /// <inheritdoc />
    public partial class ConversationHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "history_erasures",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    customer_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    messages_deleted = table.Column<int>(type: "integer", nullable: false),
                    statuses_deleted = table.Column<int>(type: "integer", nullable: false),
                    media_objects_deleted = table.Column<int>(type: "integer", nullable: false),
                    archive_objects_deleted = table.Column<int>(type: "integer", nullable: false),
                    requested_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    correlation_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_history_erasures", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "history_message_statuses",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    customer_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    message_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    failure_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    failure_reason = table.Column<string>(type: "text", nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_history_message_statuses", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "history_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    conversation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    wa_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    bsuid = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    phone_number_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    direction = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    message_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    genesys_message_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    text = table.Column<string>(type: "text", nullable: true),
                    search_text = table.Column<string>(type: "text", nullable: true),
                    media_bucket = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    media_key = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    media_mime_type = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    media_filename = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    media_caption = table.Column<string>(type: "text", nullable: true),
                    media_size = table.Column<long>(type: "bigint", nullable: true),
                    template_name = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    template_language = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    template_parameters = table.Column<List<string>>(type: "text[]", nullable: true),
                    reaction_emoji = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    reaction_message_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    reply_to_message_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    customer_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    agent_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    agent_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    archive_bucket = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    archive_key = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    status_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    failure_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    failure_reason = table.Column<string>(type: "text", nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    observed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_history_messages", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_history_erasures_tenant_id_requested_at",
                table: "history_erasures",
                columns: new[] { "tenant_id", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "ix_history_message_statuses_tenant_id_customer_id",
                table: "history_message_statuses",
                columns: new[] { "tenant_id", "customer_id" });

            migrationBuilder.CreateIndex(
                name: "ix_history_message_statuses_tenant_id_message_id_status",
                table: "history_message_statuses",
                columns: new[] { "tenant_id", "message_id", "status" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_history_message_statuses_tenant_id_occurred_at",
                table: "history_message_statuses",
                columns: new[] { "tenant_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_history_messages_search_text",
                table: "history_messages",
                column: "search_text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_history_messages_tenant_id_bsuid",
                table: "history_messages",
                columns: new[] { "tenant_id", "bsuid" });

            migrationBuilder.CreateIndex(
                name: "ix_history_messages_tenant_id_conversation_id_occurred_at_id",
                table: "history_messages",
                columns: new[] { "tenant_id", "conversation_id", "occurred_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_history_messages_tenant_id_customer_id_occurred_at_id",
                table: "history_messages",
                columns: new[] { "tenant_id", "customer_id", "occurred_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_history_messages_tenant_id_direction_message_id",
                table: "history_messages",
                columns: new[] { "tenant_id", "direction", "message_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_history_messages_tenant_id_occurred_at_id",
                table: "history_messages",
                columns: new[] { "tenant_id", "occurred_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_history_messages_tenant_id_wa_id",
                table: "history_messages",
                columns: new[] { "tenant_id", "wa_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "history_erasures");

            migrationBuilder.DropTable(
                name: "history_message_statuses");

            migrationBuilder.DropTable(
                name: "history_messages");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
