namespace Eligibility.Api.Tests.Infrastructure;

public static class Together
{
    /// <summary>Sends the requests at once: every one waits on its thread until all are ready to go.</summary>
    public static async Task<HttpResponseMessage[]> Send(int count, Func<int, Task<HttpResponseMessage>> send)
    {
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await send(i);
        })).ToList();
        start.Set();
        return await Task.WhenAll(tasks);
    }
}
