using Microsoft.EntityFrameworkCore.Migrations;
using StockAndFlow.Storage;

#nullable disable

namespace StockAndFlow.Web.Data.Migrations.PostgreSql
{
    /// <summary>
    /// The flow event table partitioned by UTC month of its occurred-at time (a partition per month
    /// from the oldest event to two months ahead, and a DEFAULT one), its rows moved and its indexes
    /// recreated; the table's key becomes (Id, OccurredAt). The model is unchanged.
    /// </summary>
    public partial class FlowEventPartitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.PartitionStockAndFlowEvents();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.UnpartitionStockAndFlowEvents();
        }
    }
}
