using Eligibility.Domain.Reports;

namespace Eligibility.Domain.Tests.Reports;

public sealed class SmallCountsTests
{
    [Theory]
    // total, parts...                  published (-1: suppressed)
    [InlineData(new long[] { 0, 0, 0, 0 }, new long[] { 0, 0, 0, 0 })]
    [InlineData(new long[] { 12, 5, 7, 0 }, new long[] { 12, 5, 7, 0 })]
    [InlineData(new long[] { 12, 4, 8, 0 }, new long[] { 12, -1, -1, 0 })]
    [InlineData(new long[] { 12, 1, 6, 5 }, new long[] { 12, -1, 6, -1 })]
    [InlineData(new long[] { 10, 5, 5, 0 }, new long[] { 10, 5, 5, 0 })]
    [InlineData(new long[] { 9, 4, 5, 0 }, new long[] { 9, -1, -1, 0 })]
    [InlineData(new long[] { 7, 3, 4, 0 }, new long[] { 7, -1, -1, 0 })]
    [InlineData(new long[] { 4, 0, 4, 0 }, new long[] { -1, 0, -1, 0 })]
    [InlineData(new long[] { 1, 1, 0, 0 }, new long[] { -1, -1, 0, 0 })]
    [InlineData(new long[] { 5, 0, 5, 0 }, new long[] { 5, 0, 5, 0 })]
    [InlineData(new long[] { 30, 2, 3, 25 }, new long[] { 30, -1, -1, 25 })]
    public void CountsBelowFive_AreSuppressed_WithAComplementWhenOneAloneWouldBeRecovered(long[] row, long[] expected) =>
        Assert.Equal(expected.Select(v => v < 0 ? null : (long?)v), SmallCounts.Suppress(row));

    /// <summary>
    /// Over many rows: every count from 1 to 4 is hidden, no row hides exactly one cell (it would follow from the
    /// others), and what is shown is the count itself.
    /// </summary>
    [Fact]
    public void NoSuppressedCell_CanBeRecoveredFromItsRow()
    {
        var random = new Random(12);
        for (var n = 0; n < 5_000; n++)
        {
            var parts = Enumerable.Range(0, 5).Select(_ => (long)(random.Next(3) == 0 ? 0 : random.Next(1, 12))).ToArray();
            long[] row = [parts.Sum(), .. parts];
            var published = SmallCounts.Suppress(row);

            Assert.All(row.Zip(published), c => Assert.True(c.First is > 0 and < SmallCounts.Threshold ? c.Second is null : c.Second is null || c.Second == c.First));
            Assert.NotEqual(1, published.Count(c => c is null));
        }
    }
}
