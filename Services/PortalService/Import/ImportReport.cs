namespace WhatsAppGenesys.PortalService.Import;

/// <summary>
/// What an import did, row by row: every data row is exactly one of imported (a new contact), updated (a contact that
/// existed before the import), duplicate (a later row for a contact an earlier row of the file already wrote: applied
/// on top of it) or rejected. Every rejection is counted; the first <see cref="MaxRejectionsListed"/> are listed.
/// </summary>
public sealed class ImportReport
{
    public const int MaxRejectionsListed = 2000;

    private readonly List<ImportRejection> _rejections = [];

    public int Rows { get; set; }
    public int Imported { get; set; }
    public int Updated { get; set; }
    public int Duplicates { get; set; }
    public int Rejected { get; private set; }
    /// <summary>In line order (rows rejected by the database are found after later rows were read).</summary>
    public IReadOnlyList<ImportRejection> Rejections => [.. _rejections.OrderBy(r => r.Line)];
    public bool RejectionsTruncated => Rejected > _rejections.Count;

    public void Reject(ImportRejection rejection)
    {
        Rejected++;
        if (_rejections.Count < MaxRejectionsListed)
        {
            _rejections.Add(rejection);
        }
    }
}
