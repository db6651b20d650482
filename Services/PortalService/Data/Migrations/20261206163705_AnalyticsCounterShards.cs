using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WhatsAppGenesys.PortalService.Data.Migrations
{
    /// <summary>
    /// Spreads each analytics figure over several rows (the shard joins the key), so concurrent transactions adding
    /// to one figure seldom wait on each other. Existing rows become shard 0. Replicas of the previous release upsert
    /// on the old key and fail once this has run, so their events are retried until they are replaced (docs/portal.md).
    /// </summary>
    public partial class AnalyticsCounterShards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_analytics_counters",
                table: "analytics_counters");

            migrationBuilder.AddColumn<short>(
                name: "shard",
                table: "analytics_counters",
                type: "smallint",
                nullable: false,
                defaultValue: (short)0);

            migrationBuilder.AddPrimaryKey(
                name: "pk_analytics_counters",
                table: "analytics_counters",
                columns: new[] { "tenant_id", "bucket_start", "metric", "dimension", "shard" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Each figure's shards are added into shard 0 first, so the old key is unique again.
            migrationBuilder.Sql("""
                WITH merged AS (
                    DELETE FROM analytics_counters WHERE shard <> 0
                    RETURNING tenant_id, bucket_start, metric, dimension, value)
                INSERT INTO analytics_counters (tenant_id, bucket_start, metric, dimension, shard, value)
                SELECT tenant_id, bucket_start, metric, dimension, 0, sum(value) FROM merged
                GROUP BY tenant_id, bucket_start, metric, dimension
                ON CONFLICT (tenant_id, bucket_start, metric, dimension, shard)
                DO UPDATE SET value = analytics_counters.value + excluded.value
                """);

            migrationBuilder.DropPrimaryKey(
                name: "pk_analytics_counters",
                table: "analytics_counters");

            migrationBuilder.DropColumn(
                name: "shard",
                table: "analytics_counters");

            migrationBuilder.AddPrimaryKey(
                name: "pk_analytics_counters",
                table: "analytics_counters",
                columns: new[] { "tenant_id", "bucket_start", "metric", "dimension" });
        }
    }
}
