namespace Eligibility.Application.Common;

public static class Clock
{
    /// <summary>Now, to the microsecond: what PostgreSQL keeps, so a value answered at once equals the one read back later.</summary>
    public static DateTimeOffset Now(this TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % 10));
    }

    /// <summary>Today in Vietnam (UTC+7, no daylight saving), whatever the server's own time zone.</summary>
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(VietnamOffset).DateTime);

    /// <summary>How long until midnight in Vietnam, when today's quotas start again.</summary>
    public static TimeSpan UntilTomorrow(this TimeProvider clock)
    {
        var now = clock.GetUtcNow().ToOffset(VietnamOffset);
        return new DateTimeOffset(now.Date.AddDays(1), VietnamOffset) - now;
    }

    static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);
}
