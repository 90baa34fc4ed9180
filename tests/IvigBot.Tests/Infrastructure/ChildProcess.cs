using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IvigBot.Tests.Infrastructure;

/// <summary>Programs the tests start as a user would (npm, node, the published service), and free loopback ports for them.</summary>
internal static class ChildProcess
{
    /// <summary>Start information with the arguments passed as they are (no shell) and both outputs redirected.</summary>
    public static ProcessStartInfo Info(string file, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>Runs a program to its end: its exit code and everything it printed; killed, with exit code -1, after <paramref name="timeout"/>.</summary>
    public static async Task<(int Exit, string Output)> RunAsync(
        string file, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var process = Process.Start(Info(file, arguments, workingDirectory))!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{file} timed out after {timeout.TotalSeconds} s");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>A TCP port on 127.0.0.1 that nothing listens on right now.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
