/** Client-only Leaflet maps behind server-safe wrappers (a grey placeholder on the server). */
export { IssueMap, type IssueMapFilters, type IssueMapProps } from "./issue-map";
export { LocationPicker, type LocationPickerProps, type PickedLocation } from "./location-picker";
export { SmallIssueMap, type SmallIssueMapProps } from "./small-issue-map";
export { SignalMap, type SignalMapGroup, type SignalMapProps } from "./signal-map";
