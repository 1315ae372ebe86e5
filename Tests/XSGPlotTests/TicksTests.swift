import Foundation
import Testing

@testable import XSGPlot

@Suite struct TicksTests {
  /// A nice number is 1, 2 or 5 times a power of ten.
  func isNice(_ step: Double) -> Bool {
    let mantissa = step / pow(10, log10(step).rounded(.down))
    return [1.0, 2, 5, 10].contains { abs(mantissa - $0) < 1e-9 }
  }

  @Test(arguments: [
    (0.0, 500.0), (0.0, 1.0), (-2.2, 2.2), (0.49, 0.51), (1e-4, 3e-4), (3.0, 1.0e6), (-7.0, -3.0),
    (0.65, 1.386), (12_345.0, 12_399.0),
  ])
  func linearTicksAreNiceAndCoverTheLooseRange(low: Double, high: Double) {
    let (range, ticks) = Ticks.loose(low, high)
    #expect(range.lowerBound <= low && range.upperBound >= high)
    #expect(ticks.count >= 3 && ticks.count <= 11, "\(ticks.map(\.label))")
    // The loose range ends on ticks, and the steps between ticks are equal and nice.
    #expect(abs(ticks.first!.value - range.lowerBound) < 1e-9 * max(1, abs(range.lowerBound)))
    #expect(abs(ticks.last!.value - range.upperBound) < 1e-9 * max(1, abs(range.upperBound)))
    let steps = zip(ticks.dropFirst(), ticks).map { $0.value - $1.value }
    #expect(steps.allSatisfy { abs($0 - steps[0]) < 1e-9 * steps[0] })
    #expect(isNice(steps[0]))
    // Labels are distinct, so no two ticks read the same.
    #expect(Set(ticks.map(\.label)).count == ticks.count)
  }

  @Test func linearTicksInsideATightRange() {
    #expect(Ticks.linear(0, 500).map(\.label) == ["0", "100", "200", "300", "400", "500"])
    #expect(Ticks.linear(3, 497).map(\.value) == [100, 200, 300, 400])
    #expect(Ticks.linear(0.5, 0.9).map(\.label) == ["0.5", "0.6", "0.7", "0.8", "0.9"])
  }

  @Test func labelsShareTheStepsPrecisionAndUseATrueMinus() {
    #expect(Ticks.linear(-3, 0, target: 3).map(\.label) == ["−3", "−2", "−1", "0"])
    #expect(Ticks.linear(0.49, 0.51, target: 2).map(\.label) == ["0.49", "0.50", "0.51"])
    #expect(Ticks.format(200_000, step: 100_000) == "2×10⁵")
    #expect(Ticks.format(0.0002, step: 0.0001) == "2×10⁻⁴")
    #expect(Ticks.format(0.0001, step: 0.0001) == "10⁻⁴")
    #expect(Ticks.linear(0, 200_000, target: 4).map(\.label) == ["0", "5×10⁴", "10⁵", "1.5×10⁵", "2×10⁵"])
    #expect(Ticks.logarithmic(2e-4, 1e-3).map(\.label) == ["2×10⁻⁴", "5×10⁻⁴", "10⁻³"])
  }

  @Test func aNegativePowerOfTenKeepsItsMinus() {
    #expect(Ticks.format(-0.001, step: 0.0002, scientific: true) == "−10⁻³")
    #expect(Ticks.format(-1e6, step: 1e5) == "−10⁶")
    #expect(
      Ticks.linear(-1.2e-3, 0, step: 2e-4).map(\.label) == [
        "−1.2×10⁻³", "−10⁻³", "−8×10⁻⁴", "−6×10⁻⁴", "−4×10⁻⁴", "−2×10⁻⁴", "0",
      ])
  }

  @Test func logTicksArePowersOfTenThinnedToTheTarget() {
    #expect(Ticks.logarithmic(1e-3, 1).map(\.label) == ["10⁻³", "10⁻²", "10⁻¹", "1"])
    let wide = Ticks.logarithmic(1e-8, 1e4, target: 5)
    #expect(wide.count >= 3 && wide.count <= 7)
    #expect(wide.allSatisfy { abs(log10($0.value) - log10($0.value).rounded()) < 1e-12 })
    #expect(Ticks.powerOfTen(1) == "10" && Ticks.powerOfTen(0) == "1" && Ticks.powerOfTen(-12) == "10⁻¹²")
  }

  @Test func narrowLogRangesUseOneTwoFive() {
    #expect(Ticks.logarithmic(0.1, 1).map(\.label) == ["0.1", "0.2", "0.5", "1"])
    #expect(Ticks.looseLogRange(0.3, 0.9) == 0.2...1)
    #expect(Ticks.looseLogRange(0.003, 0.8) == 0.001...1)
  }

  @Test func symlogTicksAreSymmetricAroundZero() {
    let ticks = Ticks.symlog(-100, 100, threshold: 1)
    #expect(ticks.map(\.label) == ["−10²", "−10", "0", "10", "10²"])
  }
}
