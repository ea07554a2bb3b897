/** The fields of the bet form, as `POST /bets` names them (a 422 names one of them). */
export const BET_FIELDS = ["event_id", "market", "line", "selection", "bookmaker", "odds", "stake", "source"] as const;
