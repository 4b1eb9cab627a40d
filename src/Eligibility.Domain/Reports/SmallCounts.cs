namespace Eligibility.Domain.Reports;

/// <summary>
/// Statistical disclosure control for aggregate reports: a count from 1 to 4 could point at one household (and the
/// difference of two days at one household's change), so it is not published. A row is a total followed by the parts
/// that add up to it: when only one cell of a row would be hidden, it could be recovered by subtraction, so the
/// smallest published positive part is hidden with it (a complementary suppression).
/// </summary>
public static class SmallCounts
{
    /// <summary>The smallest count published.</summary>
    public const long Threshold = 5;

    /// <summary>The row's cells (the total first, then its parts), each null where suppressed.</summary>
    public static long?[] Suppress(IReadOnlyList<long> row)
    {
        var hidden = row.Select(v => v is > 0 and < Threshold).ToArray();
        if (hidden.Count(h => h) == 1)
        {
            // Every published positive count is at least the threshold, so a complement is never itself a small count.
            var complement = Enumerable.Range(1, row.Count - 1).Where(i => !hidden[i] && row[i] > 0).OrderBy(i => row[i]).FirstOrDefault();
            hidden[complement] = true;
        }
        return row.Select((v, i) => hidden[i] ? null : (long?)v).ToArray();
    }
}
