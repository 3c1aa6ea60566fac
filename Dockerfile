# Build stage: restore and publish the server only (tests and benchmarks stay out of the image).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/BrandForum.Domain/BrandForum.Domain.csproj src/BrandForum.Domain/
COPY src/BrandForum.EventStore/BrandForum.EventStore.csproj src/BrandForum.EventStore/
COPY src/BrandForum.Server/BrandForum.Server.csproj src/BrandForum.Server/
RUN dotnet restore src/BrandForum.Server/BrandForum.Server.csproj
COPY src/ src/
RUN dotnet publish src/BrandForum.Server/BrandForum.Server.csproj -c Release -o /app --no-restore

# Run stage: the ASP.NET runtime only, as the image's non-root "app" user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS run
WORKDIR /app
COPY --from=build /app ./
COPY themes/ /app/themes/
RUN mkdir -p /app/data && chown app /app/data
USER app
ENV ASPNETCORE_URLS=http://+:8080 \
    Forum__ThemesPath=/app/themes \
    ConnectionStrings__Forum="Data Source=/app/data/brandforum.db"
EXPOSE 8080
VOLUME ["/app/data"]
ENTRYPOINT ["dotnet", "BrandForum.Server.dll"]
