using BrandForum.Domain.Categories;

namespace BrandForum.Domain.Tests.Categories;

public sealed class CategoryTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.Parse("0197c000-0000-7000-8000-000000000001");
    private static readonly CategoryCreated Created = new(Id, "product-news", "Product news", "What's new", "#1d4ed8", At, []);
    private static Scenario<CategoryCommand, CategoryEvent, CategoryState> Category => Spec.For(Domain.Categories.Category.Decider);

    [Fact]
    public void CreatesACategoryWithTrimmedNameAndLowercaseColour() =>
        Category.When(new CreateCategory(Id, "product-news", "  Product news ", "What's new", "#1D4ED8", [], At)).Then(Created);

    [Fact]
    public void RefusesToCreateACategoryTwice() =>
        Category.Given(Created).When(new CreateCategory(Id, "product-news", "Again", "", "#000000", [], At)).ThenFails("category-exists");

    [Theory]
    [InlineData("a")]
    [InlineData("Product")]
    [InlineData("-news")]
    [InlineData("news-")]
    [InlineData("pro--news")]
    [InlineData("pro news")]
    [InlineData("produit-é")]
    public void RefusesASlugThatDoesNotFitInAnAddress(string slug) =>
        Category.When(new CreateCategory(Id, slug, "News", "", "#000000", [], At)).ThenFails("invalid-slug");

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void RefusesAnEmptyName(string name) =>
        Category.When(new CreateCategory(Id, "news", name, "", "#000000", [], At)).ThenFails("invalid-name");

    [Fact]
    public void RefusesAnOverlongNameOrDescription()
    {
        Category.When(new CreateCategory(Id, "news", new string('n', 61), "", "#000000", [], At)).ThenFails("invalid-name");
        Category.When(new CreateCategory(Id, "news", "News", new string('d', 501), "#000000", [], At)).ThenFails("invalid-description");
    }

    [Theory]
    [InlineData("blue")]
    [InlineData("#12345")]
    [InlineData("#12345g")]
    public void RefusesAColourThatIsNotHex(string color) =>
        Category.When(new CreateCategory(Id, "news", "News", "", color, [], At)).ThenFails("invalid-color");

    [Fact]
    public void EditsACategory() =>
        Category.Given(Created).When(new EditCategory("News", "All the news", "#00AA00", [], At)).Then(new CategoryEdited("News", "All the news", "#00aa00", At, []));

    [Fact]
    public void EditingToTheSameValuesChangesNothing() =>
        Category.Given(Created).When(new EditCategory("Product news ", "What's new", "#1D4ED8", [], At)).ThenNothing();

    [Fact]
    public void RefusesAnInvalidEdit() =>
        Category.Given(Created).When(new EditCategory("", "x", "#000000", [], At)).ThenFails("invalid-name");

    [Fact]
    public void RefusesToEditOrArchiveAMissingCategory()
    {
        Category.When(new EditCategory("News", "", "#000000", [], At)).ThenFails("category-not-found");
        Category.When(new ArchiveCategory(At)).ThenFails("category-not-found");
    }

    [Fact]
    public void ArchivesACategoryWhichThenCannotChange()
    {
        Category.Given(Created).When(new ArchiveCategory(At)).Then(new CategoryArchived(At));
        Category.Given(Created, new CategoryArchived(At)).When(new EditCategory("News", "", "#000000", [], At)).ThenFails("category-archived");
        Category.Given(Created, new CategoryArchived(At)).When(new ArchiveCategory(At)).ThenFails("category-archived");
        Category.Given(Created, new CategoryArchived(At)).When(new ReopenCategory(At)).Then(new CategoryReopened(At));
        Category.Given(Created).When(new ReopenCategory(At)).ThenNothing();
    }

    [Fact]
    public void AccessListsKnownRolesOnceInAFixedOrder()
    {
        Category.When(new CreateCategory(Id, "lounge", "Lounge", "", "#000000", ["Moderator", "Ambassador", "Ambassador"], At))
            .Then(new CategoryCreated(Id, "lounge", "Lounge", "", "#000000", At, ["Ambassador", "Moderator"]));
        Category.When(new CreateCategory(Id, "lounge", "Lounge", "", "#000000", ["Wizard"], At)).ThenFails("invalid-access");
        Category.Given(Created).When(new EditCategory("Product news", "What's new", "#1d4ed8", ["Member"], At))
            .Then(new CategoryEdited("Product news", "What's new", "#1d4ed8", At, ["Member"]));
    }

    [Fact]
    public void EventsFromBeforeAccessRulesMeanOpenToEveryone() =>
        Assert.Empty(Domain.Categories.Category.Decider.Fold([new CategoryCreated(Id, "news", "News", "", "#000000", At)]).Access);

    [Fact]
    public void PlacesACategoryInTheOrder()
    {
        Category.Given(Created).When(new PlaceCategory(3, At)).Then(new CategoryPlaced(3, At));
        Category.Given(Created, new CategoryPlaced(3, At)).When(new PlaceCategory(3, At)).ThenNothing();
        Category.Given(Created).When(new PlaceCategory(-1, At)).ThenFails("invalid-position");
    }

    [Fact]
    public void FoldsEditsIntoTheState()
    {
        var state = Domain.Categories.Category.Decider.Fold(
            [Created, new CategoryEdited("News", "d", "#00aa00", At, ["Ambassador"]), new CategoryPlaced(2, At), new CategoryArchived(At)]);
        Assert.Equal((true, true, "News", "d", "#00aa00", 2), (state.Exists, state.Archived, state.Name, state.Description, state.Color, state.Position));
        Assert.Equal(["Ambassador"], state.Access);
    }
}
