using System.Diagnostics;

namespace IncidentActors.Tests.StatusPages;

/// <summary>
/// Debian's Chromium, headless, as a reader's browser: the DOM it built from a page, or a screenshot. A fresh profile
/// per call; no sandbox when running as root, which Chromium refuses otherwise.
/// </summary>
internal static class HeadlessChromium
{
    public const string Executable = "/usr/bin/chromium";

    public static async Task<string> DumpDomAsync(string url) => await RunAsync("--dump-dom", url);

    public static async Task ScreenshotAsync(string url, string path) => await RunAsync($"--screenshot={path}", "--window-size=1000,1500", "--hide-scrollbars", url);

    private static async Task<string> RunAsync(params string[] arguments)
    {
        var profile = Directory.CreateTempSubdirectory("chromium-");
        try
        {
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])["--headless", "--disable-gpu", "--no-first-run", "--disable-extensions", $"--user-data-dir={profile.FullName}",
                         .. Environment.UserName == "root" ? ["--no-sandbox"] : (string[])[], .. arguments])
            {
                start.ArgumentList.Add(argument);
            }
            using var chromium = Process.Start(start)!;
            var output = chromium.StandardOutput.ReadToEndAsync();
            var errors = chromium.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                await chromium.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                chromium.Kill(entireProcessTree: true);
                throw new TimeoutException($"Chromium did not finish within 90 s: {await errors}");
            }
            return chromium.ExitCode == 0 ? await output : throw new InvalidOperationException($"Chromium exited with {chromium.ExitCode}: {await errors}");
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
