using System.Collections.Concurrent;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Satchel.Testing.PackageIndex;

/// <summary>
/// A real PEP 503 "simple" package index over a folder of wheels, on 127.0.0.1 and a free port:
/// /simple/ lists the projects, /simple/&lt;normalized-name&gt;/ links each wheel as
/// ../../files/&lt;file&gt;#sha256=… (with data-requires-python from its METADATA), and
/// /files/&lt;file&gt; serves the bytes. It listens on loopback only, serves nothing but the
/// folder's own *.whl files, answers one request at a time, and stops when disposed.
/// Given another of this machine's own addresses it listens there instead (pip treats only
/// loopback as a secure origin for plain HTTP, so that is how `--trusted-host` is tested) and
/// still answers only this machine.
/// </summary>
public sealed partial class SimpleIndexServer : IDisposable
{
    private readonly string _folder;
    private readonly HttpListener _listener;
    private readonly Task _loop;
    private readonly ConcurrentQueue<string> _requests = new();

    public SimpleIndexServer(string folder, IPAddress? address = null)
    {
        _folder = Path.GetFullPath(folder);
        Address = address ?? IPAddress.Loopback;
        (_listener, Port) = Listen(Address);
        _loop = Task.Run(ServeAsync);
    }

    public IPAddress Address { get; }

    public int Port { get; }

    /// <summary>The host part of <see cref="IndexUrl"/>.</summary>
    public string Host => Address.ToString();

    /// <summary>The index URL to give pip: http://HOST:PORT/simple</summary>
    public string IndexUrl => $"http://{Host}:{Port}/simple";

    /// <summary>An IPv4 address of this machine that is not loopback, or null when it has none.</summary>
    public static IPAddress? NonLoopbackAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));

    /// <summary>Every path requested so far, in order.</summary>
    public IReadOnlyCollection<string> Requests => _requests.ToArray();

    public void Dispose()
    {
        // Close alone: on Unix, Stop then Close unregisters the prefixes twice, and the second
        // time .NET's managed listener binds the port anew to look the endpoint up, which fails
        // with "Address already in use" once another test (or process) has taken that port.
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(10));
    }

    /// <summary>PEP 503 normalization, as pip applies it to the project page URL.</summary>
    public static string Normalize(string name) => Separators().Replace(name, "-").ToLowerInvariant();

    private static (HttpListener Listener, int Port) Listen(IPAddress address)
    {
        // HttpListener cannot bind port 0, so a free port is taken from the OS and bound at once;
        // another process can grab it in between, hence the retries.
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(address, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://{address}:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < 20)
            {
                listener.Close();
            }
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                Respond(context);
            }
            catch (Exception e) when (e is HttpListenerException or IOException)
            {
                // The client went away mid-response; the next request is unaffected.
            }
            finally
            {
                try
                {
                    context.Response.Close();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    // Stopped while answering: the response is moot.
                }
            }
        }
    }

    private void Respond(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Url?.AbsolutePath ?? "/";
        _requests.Enqueue(path);
        var remote = request.RemoteEndPoint.Address;
        if (!IPAddress.IsLoopback(remote) && !remote.Equals(Address))
        {
            response.StatusCode = 403;
            return;
        }

        if (request.HttpMethod is not ("GET" or "HEAD"))
        {
            response.StatusCode = 405;
            return;
        }

        var wheels = Directory.EnumerateFiles(_folder, "*.whl").ToDictionary(f => Path.GetFileName(f), f => f, StringComparer.Ordinal);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        switch (segments)
        {
            case ["simple"] when path.EndsWith('/'):
                Html(context, RootPage(wheels.Keys));
                break;
            case ["simple", var project] when path.EndsWith('/') && Normalize(project) == project:
                var links = wheels.Where(w => Normalize(w.Key.Split('-')[0]) == project).OrderBy(w => w.Key, StringComparer.Ordinal).ToList();
                if (links.Count == 0)
                {
                    response.StatusCode = 404;
                }
                else
                {
                    Html(context, ProjectPage(project, links));
                }

                break;
            case ["simple", var project]:
                // PEP 503: other spellings of a name, and the page without its slash, redirect to the normalized URL.
                response.StatusCode = 301;
                response.RedirectLocation = $"/simple/{Normalize(project)}/";
                break;
            case ["files", var file] when wheels.TryGetValue(file, out var wheel):
                response.ContentType = "application/octet-stream";
                var bytes = File.ReadAllBytes(wheel);
                response.ContentLength64 = bytes.Length;
                if (request.HttpMethod == "GET")
                {
                    response.OutputStream.Write(bytes);
                }

                break;
            default:
                response.StatusCode = 404;
                break;
        }
    }

    private static string RootPage(IEnumerable<string> wheelNames)
    {
        var html = new StringBuilder("<!DOCTYPE html>\n<html><body>\n");
        foreach (var project in wheelNames.Select(n => Normalize(n.Split('-')[0])).Distinct().Order(StringComparer.Ordinal))
        {
            html.Append($"<a href=\"{project}/\">{project}</a>\n");
        }

        return html.Append("</body></html>\n").ToString();
    }

    private static string ProjectPage(string project, IEnumerable<KeyValuePair<string, string>> wheels)
    {
        var html = new StringBuilder($"<!DOCTYPE html>\n<html><head><title>Links for {project}</title></head><body>\n");
        foreach (var (name, path) in wheels)
        {
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
            var requiresPython = WheelMetadata.RequiresPython(path) is { } specifier
                ? $" data-requires-python=\"{WebUtility.HtmlEncode(specifier)}\""
                : string.Empty;
            html.Append($"<a href=\"../../files/{Uri.EscapeDataString(name)}#sha256={sha256}\"{requiresPython}>{WebUtility.HtmlEncode(name)}</a>\n");
        }

        return html.Append("</body></html>\n").ToString();
    }

    private static void Html(HttpListenerContext context, string html)
    {
        var bytes = Encoding.UTF8.GetBytes(html);
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength64 = bytes.Length;
        if (context.Request.HttpMethod == "GET")
        {
            context.Response.OutputStream.Write(bytes);
        }
    }

    [GeneratedRegex("[-_.]+")]
    private static partial Regex Separators();
}
