namespace Eligibility.Application.Common;

/// <summary>One page of a list in its stable order.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long TotalCount);

public sealed record PageRequest(int Page, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public long Offset => (Page - 1L) * PageSize;
}
