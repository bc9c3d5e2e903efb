package org.mlflowtables.core.scan;

/** The whole scan as one part (endpoints that cannot be split). */
record SinglePart() implements ScanPart {
  @Override
  public String describe() {
    return "single part";
  }
}
