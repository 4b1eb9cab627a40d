using Eligibility.Domain.Common;

namespace Eligibility.Application.Common;

public static class Concurrency
{
    public static Error Stale(string what) => new(ErrorKind.PreconditionFailed, "stale-version",
        $"The {what} was changed since you read it (If-Match does not match its current ETag). Read it again and retry.");

    /// <summary>The version the caller read (from If-Match) must be the one stored: otherwise they would overwrite a change unseen.</summary>
    public static Error? Check(uint current, uint expected, string what) => current == expected ? null : Stale(what);
}
