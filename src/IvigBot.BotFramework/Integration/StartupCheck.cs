using Microsoft.Extensions.Hosting;

namespace IvigBot.BotFramework.Integration;

/// <summary>
/// A check that runs once the server has started and bound its addresses (<see cref="StartedAsync"/>): throwing
/// there stops the host. Every other step of the host's lifecycle does nothing.
/// </summary>
public abstract class StartupCheck : IHostedLifecycleService
{
    public abstract Task StartedAsync(CancellationToken cancellationToken);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
