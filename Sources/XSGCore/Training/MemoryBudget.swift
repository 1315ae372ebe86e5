#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The memory check done before any large allocation: refuse, with the estimate, rather than thrash.
public enum MemoryBudget {
  /// Three quarters of the physical memory (or 4 GB when it cannot be read).
  public static let defaultLimit: Int = {
    let pages = sysconf(Int32(_SC_PHYS_PAGES))
    let pageSize = sysconf(Int32(_SC_PAGESIZE))
    guard pages > 0 && pageSize > 0 else { return 4 << 30 }
    return pages * pageSize / 4 * 3
  }()

  /// Throws `CoreError.memoryEstimateTooLarge` when `bytes` exceeds `limit`.
  public static func check(what: String, bytes: Int, limit: Int = defaultLimit) throws {
    if bytes > limit {
      throw CoreError.memoryEstimateTooLarge(what: what, bytes: bytes, limit: limit)
    }
  }
}
