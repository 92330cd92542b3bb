pub mod sigfields;
