using Npgsql;
using WhatsAppGenesys.Contracts;

namespace WhatsAppGenesys.PortalService.Import;

/// <summary>What an import is told besides its file.</summary>
/// <param name="DefaultCountryCode">Country code (digits) for numbers written without one; without it such numbers are rejected.</param>
/// <param name="ListId">A static list every imported row's contact is added to.</param>
public sealed record ImportOptions(string? DefaultCountryCode, Guid? ListId);

/// <summary>
/// Imports a CSV file as it arrives: records are read one at a time, checked, and written in batches of
/// <see cref="BatchSize"/>, so memory stays flat whatever the file's size. Rows that repeat a number or BSUID of the
/// batch being collected close that batch first, so every row for one contact applies in file order.
/// </summary>
public sealed class ContactImporter(IConfiguration configuration, TimeProvider clock, ILogger<ContactImporter> logger)
{
    public const int BatchSize = 1000;
    private const int AttemptsPerBatch = 3;

    /// <summary>The report, or the header errors that stopped the import before any row was written.</summary>
    public async Task<(ImportReport? Report, Dictionary<string, string[]> Errors)> ImportAsync(
        string tenantId, TextReader csv, ImportOptions options, CancellationToken ct)
    {
        var reader = new CsvRecordReader(csv);
        var (columns, errors) = ImportColumns.Parse(await reader.ReadAsync(ct));
        if (columns is null)
        {
            return (null, errors);
        }

        var report = new ImportReport();
        var connectionString = configuration.GetConnectionString(ResourceNames.PortalDatabase)!;
        await using var writer = await ImportBatchWriter.OpenAsync(connectionString, tenantId, options.ListId, clock.GetUtcNow(), ct);
        var batch = new List<ImportRow>(BatchSize);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct) is { } record)
        {
            report.Rows++;
            var (row, rejection) = ImportRowParser.Parse(record, columns, options.DefaultCountryCode);
            if (rejection is not null)
            {
                report.Reject(rejection);
                continue;
            }
            var contact = row!.Contact;
            if (batch.Count >= BatchSize
                || (contact.PhoneNumber is { } phone && keys.Contains(phone))
                || (contact.Bsuid is { } bsuid && keys.Contains(bsuid)))
            {
                await FlushAsync(writer, batch, report, ct);
                keys.Clear();
            }
            batch.Add(row);
            if (contact.PhoneNumber is not null)
            {
                keys.Add(contact.PhoneNumber);
            }
            if (contact.Bsuid is not null)
            {
                keys.Add(contact.Bsuid);
            }
        }
        await FlushAsync(writer, batch, report, ct);
        logger.LogInformation("Import of {Rows} rows: {Imported} imported, {Updated} updated, {Duplicates} duplicates, {Rejected} rejected",
            report.Rows, report.Imported, report.Updated, report.Duplicates, report.Rejected);
        return (report, errors);
    }

    /// <summary>Writes the batch, then whatever it deferred, until nothing is left; empties <paramref name="batch"/>.</summary>
    private static async Task FlushAsync(ImportBatchWriter writer, List<ImportRow> batch, ImportReport report, CancellationToken ct)
    {
        IReadOnlyList<ImportRow> pending = batch.ToList();
        batch.Clear();
        while (pending.Count > 0)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    pending = await writer.WriteAsync(pending, report, ct);
                    break;
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && attempt < AttemptsPerBatch)
                {
                    // Someone else created one of these contacts meanwhile: match again, it is an update now.
                }
            }
        }
    }
}
