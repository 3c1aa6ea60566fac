using BrandForum.Domain.Members;
using BrandForum.EventStore;
using BrandForum.Server.Members.Email;
using BrandForum.Server.Members.TwoFactor;
using BrandForum.Server.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BrandForum.Server.Members;

public static class MembersSetup
{
    /// <summary>
    /// PBKDF2-HMAC-SHA512 iterations: OWASP's 2023 figure for this algorithm (Identity's default is 100,000).
    /// About 85 ms of one core per sign-in on the 2-core reference machine, ~20 sign-ins/s in all (see the
    /// signin benchmark); sign-in rate limits keep a flood from taking the CPU. Forum:Members:PasswordHashIterations
    /// changes it; existing hashes are upgraded on the member's next sign-in.
    /// </summary>
    public const int DefaultPasswordHashIterations = 210_000;

    private const string CookieOrBearer = "cookie-or-bearer";

    /// <summary>
    /// Browsers cannot set headers on a WebSocket, so SignalR clients send the bearer token as `access_token` in
    /// the query string; it is accepted there for the hubs only, never for the rest of the API.
    /// </summary>
    private static string? HubToken(HttpRequest request) =>
        request.Path.StartsWithSegments("/hubs", StringComparison.Ordinal) && request.Query["access_token"] is [{ Length: > 0 } token] ? token : null;

    /// <summary>The stored names of member events: a contract, never renamed.</summary>
    public static IReadOnlyDictionary<Type, string> EventNames { get; } = new Dictionary<Type, string>
    {
        [typeof(MemberRegistered)] = "member.registered",
        [typeof(RoleGranted)] = "member.role-granted",
        [typeof(RoleRevoked)] = "member.role-revoked",
        [typeof(ProfileEdited)] = "member.profile-edited",
        [typeof(LanguageChosen)] = "member.language-chosen",
        [typeof(MemberVisited)] = "member.visited",
    };

    public static string StreamId(Guid memberId) => $"member-{memberId}";

    public static Guid MemberIdOf(string streamId) => Guid.Parse(streamId.AsSpan("member-".Length));

    public static IServiceCollection AddMembers(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var storage = StorageOptions.From(configuration);
        services.AddSingleton(new EventTypes(types =>
        {
            foreach (var (type, name) in EventNames)
            {
                types.Register(type, name);
            }
        }));
        services.AddSingleton(MembersSchema.Identity).AddSingleton(MembersSchema.Members).AddSingleton(MembersSchema.Language).AddSingleton(MembersSchema.SessionAddress);
        services.AddHttpContextAccessor();
        services.AddSingleton(new InlineProjection(new MemberCardsProjection()));
        services.AddSingleton(Devices.Table).AddSingleton<Devices>();
        services.AddSingleton<MemberCards>().AddSingleton<LanguageChoices>().AddSingleton<Sessions>().AddSingleton<DummyPassword>().AddScoped<MemberRegistration>().AddScoped<SignIns>().AddScoped<PasswordChanges>().AddScoped<AccountEmails>().AddScoped<TwoFactorSignIn>();
        // SMTP when configured (queued); otherwise the admins' dev mailbox, but only in Development or when asked for
        // with Forum:Email:DevMailbox: in production it would let any admin read every member's reset link.
        if (configuration["Forum:Email:Smtp:Host"] is { Length: > 0 })
        {
            services.AddSingleton<SmtpEmailSender>();
            services.AddSingleton(provider => new QueuedEmailSender(provider.GetRequiredService<SmtpEmailSender>(), provider.GetRequiredService<ILogger<QueuedEmailSender>>()));
            services.AddSingleton<IEmailSender>(provider => provider.GetRequiredService<QueuedEmailSender>());
            services.AddHostedService(provider => provider.GetRequiredService<QueuedEmailSender>());
        }
        else if (environment.IsDevelopment() || configuration.GetValue("Forum:Email:DevMailbox", false))
        {
            services.AddSingleton<DevMailbox>().AddSingleton<IEmailSender>(provider => provider.GetRequiredService<DevMailbox>());
        }
        else
        {
            services.AddSingleton<IEmailSender, UnsentEmails>();
        }

        services.AddDbContext<IdentityStore>(options => _ = storage.Engine == StorageEngine.Postgres
            ? options.UseNpgsql(storage.ConnectionString)
            : options.UseSqlite(storage.ConnectionString));
        services.Configure<PasswordHasherOptions>(o =>
            o.IterationCount = configuration.GetValue("Forum:Members:PasswordHashIterations", DefaultPasswordHashIterations));
        services.AddIdentityCore<ForumUser>(o =>
            {
                o.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-";
                o.Password.RequiredLength = PasswordPolicy.MinLength;
                o.Password.RequiredUniqueChars = 1;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddPasswordValidator<PasswordPolicy>()
            .AddSignInManager()
            .AddEntityFrameworkStores<IdentityStore>()
            .AddUserStore<ForumUserStore>()
            .AddDefaultTokenProviders();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrBearer;
                o.DefaultChallengeScheme = CookieOrBearer;
            })
            .AddPolicyScheme(CookieOrBearer, "Identity cookie or bearer token", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal) || HubToken(http.Request) is not null
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.BearerTokenExpiration = TimeSpan.FromHours(1);
                o.RefreshTokenExpiration = TimeSpan.FromDays(14);
                o.Events.OnMessageReceived = context =>
                {
                    context.Token ??= HubToken(context.Request);
                    return Task.CompletedTask;
                };
            })
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o =>
            {
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/login";
                o.Events.OnRedirectToLogin = ApiStatus(StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ApiStatus(StatusCodes.Status403Forbidden);
            }));
        // Identity re-checks the cookie's security stamp every 30 minutes and re-issues the principal; keep our
        // session id in it, or every web session would end there.
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = context =>
        {
            if (context.CurrentPrincipal?.FindFirst(Sessions.ClaimType) is { } sid && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
            {
                identity.AddClaim(new System.Security.Claims.Claim(Sessions.ClaimType, sid.Value));
            }

            return Task.CompletedTask;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(MemberEndpoints.AdminPolicy, p => p.RequireRole(Roles.Admin))
            .AddPolicy(MemberEndpoints.StaffPolicy, p => p.RequireRole(Roles.Moderator, Roles.Admin));

        // Keys in the shared database: every node reads the cookies and tokens the others issued.
        services.AddDataProtection().SetApplicationName("BrandForum");
        services.AddOptions<KeyManagementOptions>().Configure<SqlEventStore>((o, store) => o.XmlRepository = new DatabaseXmlRepository(store));
        return services;
    }

    /// <summary>Creates the first admin from Forum:Bootstrap:* when the forum has no admin yet.</summary>
    public static async Task BootstrapAdminAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        if (configuration["Forum:Bootstrap:AdminEmail"] is not { Length: > 0 } email)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        if (await provider.GetRequiredService<MemberCards>().AnyAdminAsync(ct))
        {
            return;
        }

        var users = provider.GetRequiredService<UserManager<ForumUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            var userName = configuration["Forum:Bootstrap:AdminUserName"] is { Length: > 0 } name ? name : "admin";
            var password = configuration["Forum:Bootstrap:AdminPassword"]
                ?? throw new StartupException("Forum:Bootstrap:AdminEmail is set but Forum:Bootstrap:AdminPassword is not. Set Forum__Bootstrap__AdminPassword (10 to 128 characters, not a common password).");
            var (member, refused) = await provider.GetRequiredService<MemberRegistration>().RegisterAsync(userName, email, password, null, ct);
            user = member is not null
                ? await users.FindByIdAsync(member.MemberId.ToString())
                : throw new StartupException($"The first admin cannot be created: {refused!.Message} Fix Forum__Bootstrap__AdminUserName, AdminEmail or AdminPassword.");
        }

        var time = provider.GetRequiredService<TimeProvider>();
        await provider.GetRequiredService<IEventStore>().DecideAsync(
            StreamId(user!.Id), Member.Decider, new GrantRole(Roles.Admin, user.Id, time.GetUtcNow()), new EventMetadata(Actor: "bootstrap"), ct: ct);
    }

    /// <summary>API and other JSON callers (the passkey endpoints) get a status code, not a redirect to a sign-in page.</summary>
    private static Func<Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>, Task> ApiStatus(int status) => context =>
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
            || context.Request.Path.StartsWithSegments("/account/passkeys", StringComparison.Ordinal))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    };
}
