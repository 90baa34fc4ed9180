namespace IvigBot.BotFramework.Tests.Infrastructure;

/// <summary>A clock that only moves when the test calls <see cref="Advance"/>; timers fire then.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan delta)
    {
        List<ManualTimer> due;
        lock (_gate)
        {
            _now += delta;
            due = _timers.Where(t => t.DueAt <= _now).ToList();
            foreach (var timer in due)
            {
                _timers.Remove(timer);
            }
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    /// <summary>Advances in steps until <paramref name="task"/> completes (or a minute of fake time has passed).</summary>
    public async Task DriveUntilCompletedAsync(Task task, TimeSpan step)
    {
        for (var i = 0; i < 600 && !task.IsCompleted; i++)
        {
            await Task.Delay(2);
            Advance(step);
        }

        await task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private void Schedule(ManualTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
            if (timer.DueAt != DateTimeOffset.MaxValue)
            {
                _timers.Add(timer);
            }
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset DueAt { get; private set; } = DateTimeOffset.MaxValue;

        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            DueAt = dueTime == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : owner.GetUtcNow() + dueTime;
            owner.Schedule(this);
            return true;
        }

        /// <summary>Runs the callback; a periodic timer is then due again one period later.</summary>
        public void Fire()
        {
            callback(state);
            if (_period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero && DueAt != DateTimeOffset.MaxValue)
            {
                Change(_period, _period);
            }
        }

        public void Dispose()
        {
            DueAt = DateTimeOffset.MaxValue;
            owner.Schedule(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
