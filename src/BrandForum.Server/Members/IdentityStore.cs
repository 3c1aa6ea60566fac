using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BrandForum.Server.Members;

/// <summary>
/// Identity's EF Core store: users, claims, logins, tokens and passkeys (no Identity roles: roles are
/// events on the member stream). The tables are created by our own versioned migrations
/// (<see cref="IdentitySchema"/>), never by EF.
/// </summary>
public sealed class IdentityStore(DbContextOptions<IdentityStore> options) : IdentityUserContext<ForumUser, Guid>(options);
