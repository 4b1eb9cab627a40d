using System.Diagnostics;

namespace Eligibility.Api.Tests;

/// <summary>The API as an operator starts it: a missing prerequisite is one clear line and exit code 1, never a stack trace.</summary>
public sealed class StartupTests
{
    internal static async Task<(int ExitCode, string Error)> StartApi(params (string Name, string Value)[] environment)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Eligibility.Api.dll"), "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ConnectionStrings__Eligibility"] = "";
        info.Environment["LocalDatabase__Directory"] = Path.Combine(Path.GetTempPath(), $"eligibility-startup-{Guid.NewGuid():N}");
        info.Environment["Auth__SigningKey"] = "startup-test-signing-key-of-at-least-32-bytes";
        info.Environment["Audit__CheckpointKey"] = Infrastructure.ApiFactory.CheckpointKey;
        info.Environment["Audit__CheckpointDirectory"] = Path.Combine(info.Environment["LocalDatabase__Directory"]!, "checkpoints");
        foreach (var (name, value) in environment)
            info.Environment[name] = value;

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        await output;
        return (process.ExitCode, await error);
    }

    [Fact]
    public async Task WithoutPostgreSqlBinaries_ItSaysHowToInstallThem()
    {
        var (code, error) = await StartApi(("LocalDatabase__BinDirectory", "/nonexistent/postgresql/bin"));
        Assert.Equal(1, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("apt-get install", line);
        Assert.Contains("ConnectionStrings__Eligibility", line);
    }

    [Fact]
    public async Task WithoutASigningKey_ItSaysWhichSettingIsMissing()
    {
        var (code, error) = await StartApi(("Auth__SigningKey", ""));
        Assert.Equal(1, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Auth:SigningKey", line);
    }

    [Fact]
    public async Task WithAnUnreachableServer_ItSaysSoInOneLine()
    {
        var (code, error) = await StartApi(("ConnectionStrings__Eligibility", "Host=127.0.0.1;Port=1;Username=x;Database=x;Timeout=2"));
        Assert.Equal(1, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Cannot reach the database", line);
    }

    [Theory]
    [InlineData("")]
    [InlineData("c2hvcnQta2V5LW9mLTE2LWI=")]
    public async Task WithoutAStrongCheckpointKey_ItSaysHowToMakeOne(string key)
    {
        var (code, error) = await StartApi(("Audit__CheckpointKey", key));
        Assert.Equal(1, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Audit:CheckpointKey", line);
        Assert.Contains("openssl rand -base64 32", line);
    }
}
