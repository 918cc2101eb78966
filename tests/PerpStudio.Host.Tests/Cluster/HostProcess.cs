using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace PerpStudio.Host.Tests.Cluster;

/// <summary>
/// One real <c>dotnet PerpStudio.Host.dll</c> process, configured by environment variables, with its standard output
/// and error kept for the test's report. It counts as started when it prints the startup banner (the host prints it
/// only once its listeners are up and its startup work is done). Killed with SIGKILL, never stopped gracefully, so a
/// restart is a crash; every process still running when the test process exits is killed too, so none is orphaned.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private const string StartedLine = "PerpStudio is running";
    private static readonly ConcurrentDictionary<HostProcess, byte> Running = new();
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    static HostProcess()
    {
        // a test run that ends abruptly must not leave members listening
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var host in Running.Keys)
            {
                host.Kill();
            }
        };
    }

    private HostProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    /// <summary>The name used in the test's report, e.g. <c>member 2 (second start)</c>.</summary>
    public string Name { get; }

    /// <summary>The operating system's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Everything the process wrote so far, both streams interleaved in arrival order.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts <c>dotnet <paramref name="hostDll"/></c> with <paramref name="environment"/> added to this process's.</summary>
    public static HostProcess Start(string name, string hostDll, IReadOnlyDictionary<string, string> environment)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,

            // the host reads appsettings.json from its content root, the working directory
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
        };
        psi.ArgumentList.Add(hostDll);
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var host = new HostProcess(name, process);
        process.OutputDataReceived += (_, e) => host.Append(e.Data, "out");
        process.ErrorDataReceived += (_, e) => host.Append(e.Data, "err");
        process.Exited += (_, _) => host._started.TrySetException(
            new InvalidOperationException($"{name} exited with code {process.ExitCode} before it started"));
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start {name}");
        }

        Running.TryAdd(host, 0);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Completes when the host printed its startup banner; throws with its output when it exits first or <paramref name="patience"/> passes.</summary>
    public async Task WhenStartedAsync(TimeSpan patience)
    {
        try
        {
            await _started.Task.WaitAsync(patience);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException($"{Name} did not start within {patience}: {e.Message}\n--- {Name} output ---\n{Log}", e);
        }
    }

    /// <summary>Kills the process at once (SIGKILL: no graceful stop, nothing flushed) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Kill()
    {
        Running.TryRemove(this, out _);
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // it exited between the check and the kill
        }
    }

    private void Append(string? line, string stream)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Append(stream).Append(": ").AppendLine(line);
        }

        if (line.StartsWith(StartedLine, StringComparison.Ordinal))
        {
            _started.TrySetResult();
        }
    }
}
