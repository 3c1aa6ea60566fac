using System.Data.Common;

namespace BrandForum.EventStore;

/// <summary>Named parameters the same way on both engines (both drivers accept @name).</summary>
public static class DbCommands
{
    public static DbCommand WithParameters(this DbCommand command, params (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }

        return command;
    }
}
