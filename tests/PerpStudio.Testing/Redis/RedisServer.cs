using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace PerpStudio.Testing.Redis;

/// <summary>
/// A real <c>redis-server</c> for one test: loopback on a free port, a temporary data directory, no RDB snapshots and
/// an fsync'd append-only file (<c>appendfsync always</c>), so that a write Redis acknowledged survives a kill -9.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly string _executable;
    private Process? _process;
    private StringBuilder _log = new();

    private RedisServer(string executable, int port, string dataDirectory)
    {
        _executable = executable;
        Port = port;
        DataDirectory = dataDirectory;
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for it.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Where its append-only file lives (kept across <see cref="RestartAsync"/>).</summary>
    public string DataDirectory { get; }

    /// <summary>Starts a server and returns once it answers PING.</summary>
    /// <exception cref="InvalidOperationException">redis-server is not installed, or it did not start.</exception>
    public static async Task<RedisServer> StartAsync()
    {
        var executable = FindExecutable();
        Exception? lastFailure = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            // FreeTcpPort can race with another process taking the port; a fresh port fixes that.
            var dir = Directory.CreateTempSubdirectory("perpstudio-redis-").FullName;
            var server = new RedisServer(executable, FreeTcpPort.Next(), dir);
            try
            {
                await server.LaunchAsync();
                return server;
            }
            catch (InvalidOperationException e)
            {
                lastFailure = e;
                await server.DisposeAsync();
            }
        }

        throw new InvalidOperationException("redis-server did not start in three attempts", lastFailure);
    }

    /// <summary>Kills the server with SIGKILL (no shutdown, no final fsync) and starts it again on the same port and directory.</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        await LaunchAsync();
    }

    /// <summary>Sends a command with redis-cli-like framing and returns the raw reply line (for checks outside any client library).</summary>
    /// <param name="arguments">The command and its arguments.</param>
    public async Task<string> CommandAsync(params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port);
        var stream = client.GetStream();
        var request = new StringBuilder().Append('*').Append(arguments.Length).Append("\r\n");
        foreach (var argument in arguments)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(argument)).Append("\r\n").Append(argument).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()));
        var buffer = new byte[64 * 1024];
        var read = await stream.ReadAsync(buffer);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    /// <summary>Kills the server and deletes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; failing the test for it is not.
        }
    }

    private static string FindExecutable()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator).Concat(["/usr/bin", "/usr/sbin", "/usr/local/bin"]))
        {
            var candidate = Path.Combine(dir, "redis-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "redis-server is not installed: install Debian's redis-server (apt-get install redis-server); ./test.sh installs it when run as root");
    }

    private async Task LaunchAsync()
    {
        var psi = new ProcessStartInfo(_executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = DataDirectory,
        };
        foreach (var argument in new[]
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--dir", DataDirectory, "--save", "", "--appendonly", "yes", "--appendfsync", "always",
            "--daemonize", "no", "--logfile", "",
        })
        {
            psi.ArgumentList.Add(argument);
        }

        var log = new StringBuilder();
        _log = log;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (log)
            {
                log.AppendLine(e.Data);
            }

            // Redis logs this once the port is bound and the append-only file is loaded.
            if (e.Data.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (log)
                {
                    log.AppendLine(e.Data);
                }
            }
        };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"redis-server exited:\n{Log()}"));
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start {_executable}");
        }

        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"redis-server on port {Port} was not ready within {StartTimeout}:\n{Log()}");
        }

        var pong = await CommandAsync("PING");
        if (!pong.StartsWith("+PONG", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"redis-server on port {Port} answered PING with {pong.Trim()}");
        }
    }

    private async Task KillAsync()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(); // SIGKILL on Unix
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    private string Log()
    {
        lock (_log)
        {
            return _log.ToString();
        }
    }
}
