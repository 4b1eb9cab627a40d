namespace Eligibility.Domain.Common;

public enum ErrorKind
{
    Validation,
    NotFound,
    Conflict,
    PreconditionFailed,
    PreconditionRequired,
    Unprocessable,
    /// <summary>A limit of the caller's own is used up for now (a quota); Retry-After says when it frees.</summary>
    LimitReached,
}

/// <summary>An expected failure: a value, mapped to HTTP in one place by the API.</summary>
/// <param name="Field">The request field the error is about (camelCase JSON path), when there is one.</param>
public sealed record Error(ErrorKind Kind, string Code, string Message, string? Field = null)
{
    public static Error NotFound(string what) => new(ErrorKind.NotFound, "not-found", $"{what} was not found.");
    public static Error Invalid(string field, string message) => new(ErrorKind.Validation, "invalid", message, field);
    public static Error Conflict(string code, string message) => new(ErrorKind.Conflict, code, message);
}

public readonly struct Result<T>
{
    readonly T? value;

    Result(T value)
    {
        this.value = value;
        Errors = [];
    }

    Result(IReadOnlyList<Error> errors) => Errors = errors;

    public IReadOnlyList<Error> Errors { get; }
    public bool IsSuccess => Errors.Count == 0;
    public T Value => IsSuccess ? value! : throw new InvalidOperationException("A failed result has no value.");
    public Error FirstError => Errors[0];

    public static Result<T> Success(T value) => new(value);
    public static Result<T> Failure(Error error) => new([error]);
    public static Result<T> Failure(IReadOnlyList<Error> errors) =>
        errors.Count > 0 ? new(errors) : throw new ArgumentException("A failure needs at least one error.", nameof(errors));

    public static implicit operator Result<T>(T value) => Success(value);
    public static implicit operator Result<T>(Error error) => Failure(error);

    public Result<TOut> Map<TOut>(Func<T, TOut> map) => IsSuccess ? map(Value) : Result<TOut>.Failure(Errors);
}
