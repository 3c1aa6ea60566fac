using System.Collections.Concurrent;
using System.Net;
using System.Net.Mail;

namespace BrandForum.Server.Members.Email;

/// <summary>An email; <see cref="Html"/> when the body is a whole HTML page (the weekly report), else plain text.</summary>
public sealed record EmailMessage(string To, string Subject, string Body, DateTimeOffset At, bool Html = false);

/// <summary>Sends the forum's emails (confirmation, password reset, later reports and notifications).</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken ct);
}

/// <summary>SMTP, when Forum:Email:Smtp:Host is set.</summary>
public sealed class SmtpEmailSender(IConfiguration configuration, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        var smtp = configuration.GetSection("Forum:Email:Smtp");
        using var client = new SmtpClient(smtp["Host"], smtp.GetValue("Port", 587)) { EnableSsl = smtp.GetValue("EnableSsl", true) };
        if (smtp["UserName"] is { Length: > 0 } user)
        {
            client.Credentials = new NetworkCredential(user, smtp["Password"]);
        }

        using var mail = new MailMessage(configuration["Forum:Email:From"] ?? "forum@localhost", message.To, message.Subject, message.Body) { IsBodyHtml = message.Html };
        await client.SendMailAsync(mail, ct);
        logger.LogInformation("Sent \"{Subject}\" by SMTP", message.Subject);
    }
}

/// <summary>
/// Without SMTP, emails land here: admins read them at /admin/mailbox (the last 200, in memory). The log
/// says that an email was written, never its content: reset and confirmation links are credentials.
/// </summary>
public sealed class DevMailbox(ILogger<DevMailbox> logger) : IEmailSender
{
    private const int Keep = 200;
    private readonly ConcurrentQueue<EmailMessage> _messages = new();

    public IReadOnlyList<EmailMessage> Messages => [.. _messages.Reverse()];

    public Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        _messages.Enqueue(message);
        while (_messages.Count > Keep && _messages.TryDequeue(out _))
        {
        }

        logger.LogInformation("No SMTP server is configured: \"{Subject}\" was written to the dev mailbox (/admin/mailbox)", message.Subject);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Sends in the background: a request that triggers an email answers at once, and whether an email was sent
/// (an account exists) does not show in its response time.
/// </summary>
public sealed class QueuedEmailSender(IEmailSender inner, ILogger<QueuedEmailSender> logger) : BackgroundService, IEmailSender
{
    private readonly System.Threading.Channels.Channel<EmailMessage> _queue = System.Threading.Channels.Channel.CreateBounded<EmailMessage>(1000);

    public Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        if (!_queue.Writer.TryWrite(message))
        {
            logger.LogWarning("The email queue is full: \"{Subject}\" was dropped", message.Subject);
        }

        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await inner.SendAsync(message, stoppingToken);
            }
            catch (Exception e) when (e is SmtpException or IOException or InvalidOperationException)
            {
                logger.LogError(e, "Sending \"{Subject}\" failed", message.Subject);
            }
        }
    }
}

/// <summary>Production without SMTP: nothing is sent, and the log says so (never the content: links are credentials).</summary>
public sealed class UnsentEmails(ILogger<UnsentEmails> logger) : IEmailSender
{
    public Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        logger.LogWarning("\"{Subject}\" was not sent: no SMTP server is configured (Forum__Email__Smtp__Host)", message.Subject);
        return Task.CompletedTask;
    }
}
