using Microsoft.AspNetCore.Identity;

namespace BrandForum.Server.Members;

/// <summary>
/// Credentials only: what ASP.NET Core Identity needs to sign a member in (email, password hash, lockout,
/// two-factor). Its id is the member id; what the community sees lives in the member's event stream.
/// </summary>
public sealed class ForumUser : IdentityUser<Guid>;
