namespace Eligibility.Infrastructure.Database;

/// <summary>Something the operator must fix before the API can start; its message is the one line they see.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
