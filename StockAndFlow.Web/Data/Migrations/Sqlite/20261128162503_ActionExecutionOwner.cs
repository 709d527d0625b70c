using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StockAndFlow.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ActionExecutionOwner : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Owner",
                table: "StockAndFlow_ActionExecutions",
                type: "TEXT",
                maxLength: 300,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Owner",
                table: "StockAndFlow_ActionExecutions");
        }
    }
}
