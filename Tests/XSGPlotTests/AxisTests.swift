import Foundation
import Testing

@testable import XSGPlot

@Suite struct AxisTests {
  @Test func linearMapIsAffine() {
    let axis = Axis(scale: .linear, domain: 0...500, ticks: [])
    #expect(axis.map(0, from: 40, to: 240) == 40)
    #expect(axis.map(500, from: 40, to: 240) == 240)
    #expect(axis.map(125, from: 40, to: 240) == 90)
    // y axes run upwards: the low end maps to the bottom pixel.
    #expect(axis.map(250, from: 100, to: 0) == 50)
  }

  @Test func logMapIsEvenPerDecade() throws {
    let axis = Axis(scale: .log, domain: 1e-3...1, ticks: [])
    let bottom = 100.0
    let top = 10.0
    let at = { (v: Double) in try #require(axis.map(v, from: bottom, to: top)) }
    #expect(try at(1e-3) == 100)
    #expect(abs(try at(1) - 10) < 1e-9)
    #expect(abs(try at(1e-2) - 70) < 1e-9)
    #expect(abs(try at(pow(10, -1.5)) - 55) < 1e-9)
    #expect(axis.map(0, from: bottom, to: top) == nil)
    #expect(axis.map(-1, from: bottom, to: top) == nil)
  }

  @Test func symlogShowsZeroAndNegativesSymmetrically() throws {
    let axis = Axis(scale: .symlog(threshold: 1), domain: -100...100, ticks: [])
    #expect(try #require(axis.fraction(0)) == 0.5)
    let up = try #require(axis.fraction(10))
    let down = try #require(axis.fraction(-10))
    #expect(abs(up + down - 1) < 1e-12)
  }

  @Test func fittedAxesIgnoreWhatTheScaleCannotShow() {
    let axis = Axis(fitting: [0, -1, 0.002, 0.5, .nan], scale: .log, loose: true)
    #expect(axis.domain == 0.001...1)
    #expect(axis.ticks.map(\.label) == ["10⁻³", "10⁻²", "10⁻¹", "1"])
  }

  @Test func tightAxesKeepTheDataRange() {
    let axis = Axis(fitting: [0, 137, 480], scale: .linear, loose: false)
    #expect(axis.domain == 0...480)
    #expect(axis.ticks.map(\.value) == [0, 100, 200, 300, 400])
  }

  @Test func aConstantSeriesStillGetsARange() {
    let axis = Axis(fitting: [2, 2, 2], scale: .linear, loose: true)
    #expect(axis.domain.lowerBound < 2 && axis.domain.upperBound > 2)
    let log = Axis(fitting: [0.5], scale: .log, loose: true)
    #expect(log.domain.lowerBound < 0.5 && log.domain.upperBound > 0.5)
  }

  @Test func aLogAxisLabelsItsTopDecade() {
    // Six decades used to be thinned to every other one from the bottom, leaving 10³ at the top unlabelled.
    let axis = Axis(fitting: [0.015, 300], scale: .log, loose: true)
    #expect(axis.domain == 0.01...1000)
    #expect(axis.ticks.map(\.label) == ["10⁻²", "10⁻¹", "1", "10", "10²", "10³"])
  }

  @Test func aThinnedLogAxisWidensToLabelledDecades() {
    // Eleven decades labelled every third one: the axis gains the decade below, where the data leave
    // less room, so that both ends are labelled (it stopped at an unlabelled 10³ above 10).
    let axis = Axis(fitting: [2e-8, 300], scale: .log, loose: true)
    #expect(axis.domain == 1e-9...1000)
    #expect(axis.ticks.map(\.label) == ["10⁻⁹", "10⁻⁶", "10⁻³", "1", "10³"])
    let top = Axis(fitting: [9e-9, 20], scale: .log, loose: true)
    #expect(top.domain == 1e-9...1000)
  }

  @Test func aSymmetricLogAxisKeepsItsDataAndLabelsItsEnds() {
    // All negative: the top end used to be rounded away from zero, to −10, cutting off −3.
    let negative = Axis(fitting: [-3, -200], scale: .symlog(threshold: 1), loose: true)
    #expect(negative.domain == -1000...0)
    #expect(negative.ticks.map(\.label) == ["−10³", "−10²", "−10", "0"])
    // A value at the threshold itself used to widen to 0, leaving −1 outside the axis.
    let values = [-1.0, 90]
    let atThreshold = Axis(fitting: values, scale: Scale.symmetricLog(fitting: values), loose: true)
    #expect(atThreshold.domain == -10...100)
    #expect(atThreshold.ticks.map(\.label) == ["−10", "0", "10", "10²"])
    // Thinned to every other decade, the ends go to labelled ones (−10⁻⁸ was an unlabelled bottom).
    let thinned = Axis(
      fitting: [-7e-9, 1.3e-6], scale: .symlog(threshold: 1e-9), loose: true, targetTicks: 4)
    #expect(thinned.domain == -1e-7...1e-5)
    #expect(thinned.ticks.map(\.label) == ["−10⁻⁷", "0", "10⁻⁷", "10⁻⁵"])
  }

  @Test func dataOnAnEndMoveItOffTheFrame() {
    // An accuracy from 0.5 to 1: the ticks still run from 0.5 to 1, and the axis 3 % beyond both.
    let axis = Axis(fitting: [0.5, 0.75, 1], scale: .linear, loose: true)
    #expect(axis.ticks.first?.value == 0.5 && axis.ticks.last?.value == 1)
    #expect(abs(axis.domain.lowerBound - 0.485) < 1e-9 && abs(axis.domain.upperBound - 1.015) < 1e-9)
    // Clear of the ends, nothing moves; a terminal plot, which has no frame at the top, keeps its ends.
    #expect(Axis(fitting: [0.52, 0.97], scale: .linear, loose: true).domain == 0.5...1)
    #expect(Axis(fitting: [0.5, 1], scale: .linear, loose: true, margins: false).domain == 0.5...1)
    let log = Axis(fitting: [1e-3, 0.5], scale: .log, loose: true)
    #expect(log.ticks.first?.value == 1e-3 && log.domain.lowerBound < 1e-3 && log.domain.upperBound == 1)
  }

  @Test func aThinnedSymmetricLogCountsItsLabelsDownFromTheTop() {
    // Margins of ±2.2 starting near 10⁻⁴: labels every other decade from 10 down, so the axis ends at ±10
    // (labelled from 10⁻⁴ up, it ended at an unlabelled ±10, or widened to ±10²).
    let values = [-2.2, -7.6e-5, 7.6e-5, 2.2]
    let axis = Axis(fitting: values, scale: Scale.symmetricLog(fitting: values), loose: true)
    #expect(axis.domain == -10...10)
    #expect(axis.ticks.map(\.label) == ["−10", "−10⁻¹", "−10⁻³", "0", "10⁻³", "10⁻¹", "10"])
  }

  @Test(arguments: [4, 5])
  func looseAxesEndAtLabelledTicksThatHoldTheirData(target: Int) {
    let exponents = stride(from: -9.0, through: 6.0, by: 0.5).map { pow(10, $0) }
    for a in exponents {
      for b in exponents where b >= a {
        for (low, high) in [(a, b), (1.5 * a, 3 * b), (3 * a, 7 * b)] {
          let cases: [(Scale, [Double])] = [
            (.log, [low, high]), (.linear, [low, high]),
            (Scale.symmetricLog(fitting: [-low, high]), [-low, high]),
            (Scale.symmetricLog(fitting: [low, -high]), [low, -high]),
            (.symlog(threshold: low), [-high, -low]), (.symlog(threshold: low), [low, high]),
          ]
          for (scale, values) in cases {
            let axis = Axis(fitting: values, scale: scale, loose: true, targetTicks: target)
            let what = "\(scale) \(values): \(axis.domain) \(axis.ticks.map(\.label))"
            // The data lie between the outermost ticks, and those are the axis's ends, or 3 % of the axis
            // inside them when the data come within 1 % of them (so that no line runs along the frame).
            let (a, b) = (axis.transform(axis.domain.lowerBound), axis.transform(axis.domain.upperBound))
            let first = axis.transform(axis.ticks.first?.value ?? .nan)
            let last = axis.transform(axis.ticks.last?.value ?? .nan)
            let tiny = 1e-9 * (b - a)
            #expect(first - a <= 0.03 * (b - a) + tiny && b - last <= 0.03 * (b - a) + tiny, "\(what)")
            let inside = values.map(axis.transform).allSatisfy { $0 >= first - tiny && $0 <= last + tiny }
            #expect(inside, "\(what)")
            #expect(axis.ticks.count >= 2 && axis.ticks.count <= 2 * target + 1, "\(what)")
          }
        }
      }
    }
  }
}
