//! Errors as the UI receives them: `{ code, message, field }`, the message in Italian. The code
//! tells a field error (shown under the field) from a failure (shown in a dialog).

use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct ApiError {
    pub code: &'static str,
    pub message: String,
    pub field: Option<String>,
}

impl ApiError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
            field: None,
        }
    }
}

impl From<piano::Error> for ApiError {
    fn from(e: piano::Error) -> Self {
        let field = match &e {
            piano::Error::AreaWeight { area_id, .. } => Some(format!("w-{area_id}")),
            other => other.field().map(str::to_string),
        };
        ApiError {
            code: e.code(),
            field,
            message: e.to_string(),
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_errors_keep_their_field_for_the_form() {
        let e: ApiError = piano::Weight::parse("abc").unwrap_err().into();
        assert_eq!((e.code, e.field.as_deref()), ("invalid", Some("weight")));
        assert!(e.message.contains("non è un peso valido"));
        let e: ApiError = piano::Error::AreaWeight {
            area_id: 7,
            message: "Il peso non può superare 100.".into(),
        }
        .into();
        assert_eq!(e.field.as_deref(), Some("w-7"), "the weight box of area 7");
        let e: ApiError = piano::Error::NotFound {
            what: "Piano",
            id: 3,
        }
        .into();
        assert_eq!((e.code, e.field), ("not_found", None));
    }
}
