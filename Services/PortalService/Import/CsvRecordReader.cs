using System.Text;

namespace WhatsAppGenesys.PortalService.Import;

/// <summary>One record of a CSV file: the physical line it starts on, its fields, and what is malformed about it (if anything).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, string? Error);

/// <summary>
/// Reads CSV (RFC 4180: comma-separated, fields optionally in double quotes, "" for a quote inside one, line breaks
/// allowed inside quotes; CRLF, LF or CR line ends) one record at a time from a text stream, never holding more than
/// one record and a small buffer. Blank lines are skipped. A record longer than <see cref="MaxRecordLength"/>
/// characters (a quote left open swallows what follows) is returned with an error and without its content.
/// </summary>
public sealed class CsvRecordReader(TextReader reader)
{
    public const int MaxRecordLength = 64 * 1024;

    private readonly char[] _buffer = new char[16 * 1024];
    private readonly StringBuilder _field = new();
    private int _position;
    private int _length;
    private int _line = 1;

    /// <summary>The next record, or null at the end of the input.</summary>
    public async ValueTask<CsvRecord?> ReadAsync(CancellationToken ct)
    {
        while (true)
        {
            if (!await FillAsync(ct))
            {
                return null;
            }
            if (_buffer[_position] is not ('\r' or '\n'))
            {
                break;
            }
            await ConsumeLineEndAsync(ct);
        }

        var line = _line;
        var fields = new List<string>();
        string? error = null;
        var recordLength = 0;
        var quoted = false;
        var closedQuote = false;
        _field.Clear();
        while (true)
        {
            if (!await FillAsync(ct))
            {
                if (quoted)
                {
                    error ??= "a quoted field is not closed";
                }
                break;
            }
            var c = _buffer[_position];
            if (quoted)
            {
                _position++;
                if (c == '"')
                {
                    if (await FillAsync(ct) && _buffer[_position] == '"')
                    {
                        _position++;
                        Append('"');
                    }
                    else
                    {
                        quoted = false;
                        closedQuote = true;
                    }
                }
                else if (c is '\r' or '\n')
                {
                    _position--;
                    await ConsumeLineEndAsync(ct);
                    Append('\n');
                }
                else
                {
                    Append(c);
                }
                continue;
            }
            if (c is '\r' or '\n')
            {
                await ConsumeLineEndAsync(ct);
                break;
            }
            _position++;
            if (c == ',')
            {
                fields.Add(_field.ToString());
                _field.Clear();
                closedQuote = false;
            }
            else if (c == '"' && _field.Length == 0 && !closedQuote)
            {
                quoted = true;
            }
            else
            {
                if (closedQuote)
                {
                    error ??= "a field has text after its closing quote";
                }
                Append(c);
            }
        }
        fields.Add(_field.ToString());
        return error is not null && recordLength > MaxRecordLength
            ? new CsvRecord(line, [], error)
            : new CsvRecord(line, fields, error);

        void Append(char c)
        {
            if (++recordLength > MaxRecordLength)
            {
                error ??= $"the row is longer than {MaxRecordLength} characters";
                return;
            }
            _field.Append(c);
        }
    }

    /// <summary>Consumes CRLF, LF or CR at the current position and counts one line.</summary>
    private async ValueTask ConsumeLineEndAsync(CancellationToken ct)
    {
        var c = _buffer[_position++];
        if (c == '\r' && await FillAsync(ct) && _buffer[_position] == '\n')
        {
            _position++;
        }
        _line++;
    }

    private ValueTask<bool> FillAsync(CancellationToken ct) =>
        _position < _length ? ValueTask.FromResult(true) : RefillAsync(ct);

    private async ValueTask<bool> RefillAsync(CancellationToken ct)
    {
        _length = await reader.ReadAsync(_buffer.AsMemory(), ct);
        _position = 0;
        return _length > 0;
    }
}
