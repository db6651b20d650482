using System.Diagnostics;
using System.Net.Sockets;
using MimeKit;

namespace WhatsAppGenesys.IntegrationTests.Alerting;

/// <summary>
/// A real SMTP server: Debian's aiosmtpd (<c>python3-aiosmtpd</c>, installed by scripts/install-prerequisites.sh) on
/// the port the alert service was told to use, delivering into a maildir the test reads. Started for the test and
/// stopped (by its process id) when disposed.
/// </summary>
public sealed class LocalSmtpServer : IAsyncDisposable
{
    private readonly Process _process;

    private LocalSmtpServer(Process process, string maildir) => (_process, Maildir) = (process, maildir);

    public string Maildir { get; }

    public static async Task<LocalSmtpServer> StartAsync(int port, CancellationToken ct)
    {
        // Python's Maildir creates its cur/new/tmp only when the directory does not exist yet: name one inside a new one.
        var maildir = Path.Combine(Directory.CreateTempSubdirectory("wag-smtp-").FullName, "maildir");
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start");
        var server = new LocalSmtpServer(process, maildir);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port, ct);
                return server;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100, ct);
            }
            catch (SocketException)
            {
                var error = process.HasExited ? await process.StandardError.ReadToEndAsync(ct) : "not listening";
                await server.DisposeAsync();
                throw new InvalidOperationException($"aiosmtpd on port {port} did not come up: {error}");
            }
        }
    }

    /// <summary>Every message delivered so far (the maildir's <c>new/</c>), parsed.</summary>
    public List<MimeMessage> Messages()
    {
        var incoming = Path.Combine(Maildir, "new");
        return Directory.Exists(incoming) ? [.. Directory.GetFiles(incoming).Select(f => MimeMessage.Load(f))] : [];
    }

    public async Task<MimeMessage> WaitForAsync(Func<MimeMessage, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (Messages().FirstOrDefault(match) is { } found)
            {
                return found;
            }
            Assert.True(DateTime.UtcNow < deadline, $"No matching e-mail arrived within {timeout}");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(Path.GetDirectoryName(Maildir)!, recursive: true);
    }
}
