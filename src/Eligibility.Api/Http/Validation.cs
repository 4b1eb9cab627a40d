using FluentValidation;

namespace Eligibility.Api.Http;

public static class ValidationExtensions
{
    /// <summary>Runs the request's validator before the handler; a failure is a 400 ValidationProblem naming each field.</summary>
    public static RouteHandlerBuilder WithValidation<T>(this RouteHandlerBuilder builder) where T : class =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var argument = context.Arguments.OfType<T>().FirstOrDefault();
            if (argument is null)
                return await next(context);
            var validator = context.HttpContext.RequestServices.GetRequiredService<IValidator<T>>();
            var result = await validator.ValidateAsync(argument, context.HttpContext.RequestAborted);
            if (result.IsValid)
                return await next(context);
            return TypedResults.ValidationProblem(
                result.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()),
                title: "The request is not valid.");
        }).ProducesValidationProblem();
}
