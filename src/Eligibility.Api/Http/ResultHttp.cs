using Eligibility.Domain.Common;

namespace Eligibility.Api.Http;

/// <summary>The one place where expected failures become HTTP.</summary>
public static class ResultHttp
{
    public static IResult ToHttp<T>(this Result<T> result, Func<T, IResult> onSuccess) =>
        result.IsSuccess ? onSuccess(result.Value) : Problem(result.Errors);

    public static IResult Problem(IReadOnlyList<Error> errors)
    {
        var first = errors[0];
        if (first.Kind == ErrorKind.Validation)
            return TypedResults.ValidationProblem(
                errors.GroupBy(e => e.Field ?? "").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                title: "The request is not valid.");

        var (status, title) = first.Kind switch
        {
            ErrorKind.NotFound => (StatusCodes.Status404NotFound, "Not found."),
            ErrorKind.Conflict => (StatusCodes.Status409Conflict, "Conflict with the current state."),
            ErrorKind.PreconditionFailed => (StatusCodes.Status412PreconditionFailed, "The resource has changed."),
            ErrorKind.PreconditionRequired => (StatusCodes.Status428PreconditionRequired, "If-Match is required."),
            ErrorKind.Unprocessable => (StatusCodes.Status422UnprocessableEntity, "The request cannot be carried out."),
            ErrorKind.LimitReached => (StatusCodes.Status429TooManyRequests, "Too many requests."),
            _ => (StatusCodes.Status400BadRequest, "Bad request."),
        };
        var extensions = new Dictionary<string, object?> { ["code"] = first.Code };
        if (first.Field is not null)
            extensions["field"] = first.Field;
        return TypedResults.Problem(first.Message, statusCode: status, title: title, extensions: extensions);
    }
}
