using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace WhatsAppGenesys.AppHostTesting;

/// <summary>A CSV body written row by row while it is sent (chunked, no length), so even a huge file is never held by the test.</summary>
public sealed class GeneratedCsvContent : HttpContent
{
    private readonly string _header;
    private readonly int _rows;
    private readonly Func<int, string> _row;

    public GeneratedCsvContent(string header, int rows, Func<int, string> row)
    {
        _header = header;
        _rows = rows;
        _row = row;
        Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
    }

    /// <summary>Bytes written so far.</summary>
    public long BytesWritten { get; private set; }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var chunk = new StringBuilder();
        chunk.Append(_header).Append('\n');
        for (var i = 0; i < _rows; i++)
        {
            chunk.Append(_row(i)).Append('\n');
            if (chunk.Length > 32 * 1024 || i == _rows - 1)
            {
                var bytes = encoding.GetBytes(chunk.ToString());
                await stream.WriteAsync(bytes);
                BytesWritten += bytes.Length;
                chunk.Clear();
            }
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
