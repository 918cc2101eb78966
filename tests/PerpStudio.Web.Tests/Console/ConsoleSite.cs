using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Api.Application;
using PerpStudio.Api.Operators;
using PerpStudio.Host;
using PerpStudio.Testing;

namespace PerpStudio.Web.Tests.Console;

/// <summary>
/// The real host on free loopback ports with one operator ("brandco") created through the admin service, spoken to
/// over plain HTTP with the operator's host name in the Host header, as a browser behind the edge would.
/// </summary>
public sealed class ConsoleSite : IAsyncLifetime
{
    /// <summary>The platform domain.</summary>
    public const string Domain = "perpstudio.test";

    private readonly HttpClient _http = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });

    /// <summary>The running platform.</summary>
    public PlatformApp Platform { get; private set; } = default!;

    /// <summary>The operator's admin API key.</summary>
    public string AdminKey { get; private set; } = string.Empty;

    /// <summary>An application service of the running host.</summary>
    public T Service<T>()
        where T : notnull => Platform.App.Services.GetRequiredService<T>();

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Platform = await PerpStudioHost.BuildAsync(
        [
            $"--PerpStudio:Grpc:Port={FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture)}",
            $"--PerpStudio:Web:Port={FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture)}",
            "--PerpStudio:Api:PlatformKey=ps_platform_console_tests_0123456789abcdef",
            $"--PerpStudio:Api:PlatformDomain={Domain}",
            "--PerpStudio:Api:RateLimits:Disabled=true",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await Platform.App.StartAsync();
        var admin = Service<OperatorAdminService>();
        await admin.CreateOperatorAsync(CallerContext.Platform("console-tests"), "brandco", BrandingProfile.Default with { DisplayName = "Brand Co" }, "brandco");
        AdminKey = (await admin.CreateApiKeyAsync(CallerContext.OperatorAdmin("brandco", "console-tests"), "console", ApiScopes.Admin, null)).Secret;
    }

    /// <summary>A request to the operator's site; page-script posts carry the script's header.</summary>
    public HttpRequestMessage Request(HttpMethod method, string path, string? cookie = null, bool fromPageScript = true)
    {
        var request = new HttpRequestMessage(method, $"http://127.0.0.1:{Platform.Options.Web.Port}{path}");
        request.Headers.Host = $"brandco.{Domain}:{Platform.Options.Web.Port}";
        if (fromPageScript)
        {
            request.Headers.Add("X-PS-Request", "1");
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return request;
    }

    /// <summary>Sends a request.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    /// <summary>Signs in to the console with the admin key and returns the cookie to send.</summary>
    public async Task<string> ConsoleCookieAsync()
    {
        var request = Request(HttpMethod.Post, "/_ps/console/signin");
        request.Content = new FormUrlEncodedContent([new("api_key", AdminKey)]);
        using var response = await SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var set = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ps_console=", StringComparison.Ordinal));
        return set.Split(';')[0];
    }

    /// <summary>Posts a multipart form with one file to the console and returns the HTML answer.</summary>
    public async Task<string> UploadAsync(string cookie, string kind, byte[] content, string fileName, string declaredType)
    {
        var request = Request(HttpMethod.Post, "/_ps/console/brand-asset", cookie);
        var form = new MultipartFormDataContent { { new StringContent(kind), "kind" } };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(declaredType);
        form.Add(file, "image", fileName);
        request.Content = form;
        using var response = await SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        _http.Dispose();
        await Platform.App.StopAsync();
        await Platform.DisposeAsync();
    }
}
