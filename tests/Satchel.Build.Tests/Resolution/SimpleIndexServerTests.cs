using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Satchel.Testing;
using Satchel.Testing.PackageIndex;
using Xunit;

namespace Satchel.Build.Tests.Resolution;

public sealed class SimpleIndexServerTests
{
    [Fact]
    public async Task Project_pages_link_each_wheel_with_its_hash_and_requires_python_and_serve_its_bytes()
    {
        using var temp = new TempDirectory("satchel-index");
        var wheel = CraftedWheel.Write(temp.Path, "Foo.Bar", "1.2", requiresPython: ">=3.8,<4");
        using var server = new SimpleIndexServer(temp.Path);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var page = await client.GetStringAsync(new Uri($"{server.IndexUrl}/foo-bar/"));
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(wheel)));
        var file = Path.GetFileName(wheel);
        Assert.Equal("foo_bar-1.2-py3-none-any.whl", file);
        Assert.Contains($"href=\"../../files/{file}#sha256={sha256}\"", page, StringComparison.Ordinal);
        Assert.Contains("data-requires-python=\"&gt;=3.8,&lt;4\"", page, StringComparison.Ordinal);

        var bytes = await client.GetByteArrayAsync(new Uri($"http://127.0.0.1:{server.Port}/files/{file}"));
        Assert.Equal(File.ReadAllBytes(wheel), bytes);

        Assert.Contains("href=\"foo-bar/\"", await client.GetStringAsync(new Uri(server.IndexUrl + "/")), StringComparison.Ordinal);
        using var redirect = await client.GetAsync(new Uri($"{server.IndexUrl}/Foo_Bar"));
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("/simple/foo-bar/", redirect.Headers.Location?.OriginalString);
        using var missing = await client.GetAsync(new Uri($"{server.IndexUrl}/nothing/"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var outside = await client.GetAsync(new Uri($"http://127.0.0.1:{server.Port}/files/..%2F..%2Fetc%2Fpasswd"));
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }

    [Fact]
    public void Disposing_the_server_closes_its_port()
    {
        using var temp = new TempDirectory("satchel-index");
        int port;
        using (var server = new SimpleIndexServer(temp.Path))
        {
            port = server.Port;
            using var open = new TcpClient();
            open.Connect(IPAddress.Loopback, port);
        }

        using var closed = new TcpClient();
        Assert.Throws<SocketException>(() => closed.Connect(IPAddress.Loopback, port));
    }
}
