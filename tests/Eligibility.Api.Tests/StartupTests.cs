using System.Diagnostics;
using Microsoft.Extensions.Configuration;

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
        info.Environment["Auth__SigningKey"] = Infrastructure.ApiFactory.NewSigningKey();
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

    static string Base64(IEnumerable<int> bytes) => Convert.ToBase64String(bytes.Select(b => (byte)b).ToArray());

    /// <summary>The key the repository ships for Development, as the API's folder holds it: anyone can read it.</summary>
    static string ShippedDevelopmentKey() =>
        new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.Development.json")).Build()["Auth:SigningKey"]!;

    public static TheoryData<string, string, string> WeakKeys => new()
    {
        { "not base64", "not-base64:a-passphrase-of-at-least-32-characters", "base64" },
        { "16 random bytes", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)), "at least 32 bytes" },
        { "one byte repeated", Base64(Enumerable.Repeat(0x5A, 32)), "not random" },
        { "few distinct bytes", Base64(Enumerable.Range(0, 48).Select(i => i % 8 * 31)), "not random" },
        { "a passphrase in base64", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("correct horse battery staple, and more words")), "not random" },
        { "counted bytes", Base64(Enumerable.Range(100, 32)), "not random" },
        { "the shipped Development key", ShippedDevelopmentKey(), "appsettings" },
    };

    [Theory]
    [MemberData(nameof(WeakKeys))]
    public async Task OutsideDevelopment_AWeakOrPublishedSigningKey_StopsStartUpSayingHowToMakeOne(string why, string key, string expected)
    {
        var (code, error) = await StartApi(("Auth__SigningKey", key));
        Assert.True(code == 1, $"{why}: exit code {code}, {error}");
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Auth:SigningKey", line);
        Assert.Contains(expected, line);
        Assert.Contains("openssl rand -base64 32", line);
    }

    [Fact]
    public async Task WithANonPositiveMaximumTokenLifetime_ItSaysWhichSetting()
    {
        var (code, error) = await StartApi(("Auth__MaxTokenLifetime", "00:00:00"));
        Assert.Equal(1, code);
        Assert.Contains("Auth:MaxTokenLifetime", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
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
