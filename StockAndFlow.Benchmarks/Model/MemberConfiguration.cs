using StockAndFlow.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StockAndFlow.Benchmarks.Model;

/// <summary>
/// Maps <see cref="Member"/> to <c>Members</c>. No secondary index: every count is a table scan for
/// every algorithm, so the benchmarks compare query shapes, not index choices.
/// </summary>
internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> builder)
    {
        builder.ToTable("Members");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Region).HasMaxLength(50).IsRequired();
        builder.Property(m => m.Plan).HasMaxLength(50).IsRequired();
        builder.Property(m => m.CreatedAt).HasConversion<UtcDateTimeConverter>();
    }
}
