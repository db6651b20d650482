using System.Data;
using Npgsql;
using NpgsqlTypes;
using WhatsAppGenesys.PortalService.Consent;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.Import;

/// <summary>
/// Writes an import's rows a batch at a time on one connection: each batch is copied (binary COPY) into a temporary
/// table, matched to existing contacts by phone number, then BSUID, and applied in one transaction: matched contacts
/// are updated (name replaced when given, attributes and tags added, a missing number or BSUID filled in; consent
/// untouched, so an import never re-subscribes anyone), the others inserted opted in with source import. A row whose
/// number and BSUID belong to different contacts is rejected. The ids of contacts written so far are kept in a second
/// temporary table, which tells a duplicate row from an update of a contact that existed before.
/// </summary>
public sealed class ImportBatchWriter : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly string _tenantId;
    private readonly Guid? _listId;
    private readonly DateTimeOffset _now;

    private ImportBatchWriter(NpgsqlConnection connection, string tenantId, Guid? listId, DateTimeOffset now)
    {
        _connection = connection;
        _tenantId = tenantId;
        _listId = listId;
        _now = now;
    }

    public static async Task<ImportBatchWriter> OpenAsync(string connectionString, string tenantId, Guid? listId, DateTimeOffset now, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var writer = new ImportBatchWriter(connection, tenantId, listId, now);
        await writer.ExecuteAsync(null, """
            DROP TABLE IF EXISTS pg_temp.import_batch, pg_temp.import_touched;
            CREATE TEMP TABLE import_batch (
                line int NOT NULL, new_id uuid NOT NULL, phone text, bsuid text, name text,
                attributes jsonb NOT NULL, tags text[] NOT NULL,
                contact_id uuid, earlier boolean NOT NULL DEFAULT false, rejection text);
            CREATE TEMP TABLE import_touched (contact_id uuid PRIMARY KEY);
            """, ct);
        return writer;
    }

    /// <summary>
    /// Writes the rows (no two share a number or a BSUID) and counts them into <paramref name="report"/>. Returns the rows
    /// that reached a contact another row of the batch also reached by its other identifier: they go in the next batch,
    /// so rows for one contact always apply in file order.
    /// </summary>
    public async Task<List<ImportRow>> WriteAsync(IReadOnlyList<ImportRow> rows, ImportReport report, CancellationToken ct)
    {
        await using var transaction = await _connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        await ExecuteAsync(transaction, "TRUNCATE import_batch", ct);
        await CopyAsync(rows, ct);
        await ExecuteAsync(transaction, """
            -- Statistics, so the planner joins the batch to contacts through their unique indexes.
            ANALYZE import_batch;

            UPDATE import_batch b SET contact_id = c.id
            FROM contacts c WHERE c.tenant_id = @tenant AND b.phone IS NOT NULL AND c.phone_number = b.phone;

            UPDATE import_batch b SET
                rejection = CASE
                    WHEN b.contact_id IS NOT NULL AND b.contact_id <> c.id
                        THEN 'bsuid: ' || b.bsuid || ' belongs to another contact than the phone number.'
                    WHEN b.contact_id IS NULL AND b.phone IS NOT NULL AND c.phone_number IS NOT NULL
                        THEN 'bsuid: ' || b.bsuid || ' belongs to a contact with another phone number.'
                END,
                contact_id = coalesce(b.contact_id, c.id)
            FROM contacts c WHERE c.tenant_id = @tenant AND b.bsuid IS NOT NULL AND c.bsuid = b.bsuid;

            UPDATE import_batch b SET rejection = 'bsuid: the contact with this phone number has another BSUID.'
            FROM contacts c
            WHERE b.rejection IS NULL AND b.bsuid IS NOT NULL AND c.id = b.contact_id AND c.bsuid IS NOT NULL AND c.bsuid <> b.bsuid;
            """, ct);

        var deferred = await DeferRepeatedContactsAsync(transaction, rows, ct);

        await ExecuteAsync(transaction, """
            UPDATE import_batch b SET earlier = true FROM import_touched t WHERE t.contact_id = b.contact_id;

            UPDATE contacts c SET
                phone_number = coalesce(c.phone_number, b.phone),
                bsuid = coalesce(c.bsuid, b.bsuid),
                name = coalesce(b.name, c.name),
                attributes = c.attributes || b.attributes,
                tags = ARRAY(SELECT t FROM unnest(c.tags || b.tags) WITH ORDINALITY AS u(t, n) GROUP BY t ORDER BY min(n)),
                updated_at = @now
            FROM import_batch b
            WHERE b.rejection IS NULL AND c.id = b.contact_id;

            INSERT INTO contacts (id, tenant_id, phone_number, bsuid, name, attributes, tags,
                                  consent_status, consent_source, consent_changed_at, created_at, updated_at)
            SELECT new_id, @tenant, phone, bsuid, name, attributes, tags, @optedIn, @source, @now, @now, @now
            FROM import_batch WHERE rejection IS NULL AND contact_id IS NULL;

            INSERT INTO consent_events (tenant_id, contact_id, action, source, occurred_at)
            SELECT @tenant, new_id, @optedIn, @source, @now
            FROM import_batch WHERE rejection IS NULL AND contact_id IS NULL;

            INSERT INTO import_touched (contact_id)
            SELECT coalesce(contact_id, new_id) FROM import_batch WHERE rejection IS NULL
            ON CONFLICT DO NOTHING;
            """, ct);
        if (_listId is { } listId)
        {
            await ExecuteAsync(transaction, """
                INSERT INTO contact_list_members (list_id, contact_id, tenant_id, added_at)
                SELECT @list, coalesce(contact_id, new_id), @tenant, @now FROM import_batch WHERE rejection IS NULL
                ON CONFLICT DO NOTHING;
                """, ct, ("list", listId));
        }
        await CountAsync(transaction, report, ct);
        await transaction.CommitAsync(ct);
        return deferred;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_connection.State == ConnectionState.Open)
            {
                await ExecuteAsync(null, "DROP TABLE IF EXISTS pg_temp.import_batch, pg_temp.import_touched", CancellationToken.None);
            }
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }

    private async Task CopyAsync(IReadOnlyList<ImportRow> rows, CancellationToken ct)
    {
        await using var copy = await _connection.BeginBinaryImportAsync(
            "COPY import_batch (line, new_id, phone, bsuid, name, attributes, tags) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            var contact = row.Contact;
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(row.Line, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(Guid.CreateVersion7(_now), NpgsqlDbType.Uuid, ct);
            await WriteTextAsync(copy, contact.PhoneNumber, ct);
            await WriteTextAsync(copy, contact.Bsuid, ct);
            await WriteTextAsync(copy, contact.Name, ct);
            await copy.WriteAsync(JsonbDictionary.Serialize(contact.Attributes), NpgsqlDbType.Jsonb, ct);
            await copy.WriteAsync(contact.Tags.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        }
        await copy.CompleteAsync(ct);
    }

    private static async Task WriteTextAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken ct)
    {
        if (value is null)
        {
            await copy.WriteNullAsync(ct);
        }
        else
        {
            await copy.WriteAsync(value, NpgsqlDbType.Text, ct);
        }
    }

    /// <summary>Takes out of the batch every row whose contact an earlier row of the batch also reached; returns them.</summary>
    private async Task<List<ImportRow>> DeferRepeatedContactsAsync(NpgsqlTransaction transaction, IReadOnlyList<ImportRow> rows, CancellationToken ct)
    {
        await using var command = Command(transaction, """
            DELETE FROM import_batch b
            WHERE b.rejection IS NULL AND b.contact_id IS NOT NULL
              AND EXISTS (SELECT 1 FROM import_batch o WHERE o.contact_id = b.contact_id AND o.rejection IS NULL AND o.line < b.line)
            RETURNING b.line
            """);
        var lines = new HashSet<int>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                lines.Add(reader.GetInt32(0));
            }
        }
        return lines.Count == 0 ? [] : rows.Where(r => lines.Contains(r.Line)).ToList();
    }

    private async Task CountAsync(NpgsqlTransaction transaction, ImportReport report, CancellationToken ct)
    {
        await using var command = Command(transaction, """
            SELECT line, rejection, contact_id IS NULL, earlier FROM import_batch
            """);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (!reader.IsDBNull(1))
            {
                report.Reject(new ImportRejection(reader.GetInt32(0), reader.GetString(1)));
            }
            else if (reader.GetBoolean(3))
            {
                report.Duplicates++;
            }
            else if (reader.GetBoolean(2))
            {
                report.Imported++;
            }
            else
            {
                report.Updated++;
            }
        }
    }

    private async Task ExecuteAsync(NpgsqlTransaction? transaction, string sql, CancellationToken ct, params (string Name, object Value)[] extra)
    {
        await using var command = Command(transaction, sql);
        foreach (var (name, value) in extra)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await command.ExecuteNonQueryAsync(ct);
    }

    private NpgsqlCommand Command(NpgsqlTransaction? transaction, string sql)
    {
        var command = new NpgsqlCommand(sql, _connection, transaction);
        if (sql.Contains("@tenant", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("tenant", _tenantId);
        }
        if (sql.Contains("@now", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("now", _now);
        }
        if (sql.Contains("@optedIn", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("optedIn", ConsentStatus.OptedIn);
            command.Parameters.AddWithValue("source", ConsentSources.Import);
        }
        return command;
    }
}
